export { renderSummaryChart, summaryChartSvg, svgToPng, type SummaryChart } from './summary-chart';
export { summaryChartSpec, chartRows, CHART_WIDTH } from './chart-spec';
export { chartAltText } from './alt-text';
