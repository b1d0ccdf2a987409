export { renderSummaryChart, summaryChartSvg, svgToPng, type SummaryChart } from './summary-chart';
export { layoutSummaryChart, chartName, type ChartLayout, type ChartText } from './chart-layout';
export { CHART_WIDTH, CHART_SCALE, CHART_MIN_FONT } from './size';
export { chartAltText } from './alt-text';
