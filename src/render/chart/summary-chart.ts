import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { chartAltText } from './alt-text';
import { CHART_WIDTH, FONT_FAMILY, summaryChartSpec } from './chart-spec';
import { chartFontFiles } from './fonts';
import { useDejaVuTextMetrics, type VegaTextMetrics } from './text-width';

export interface SummaryChart {
  png: Buffer;
  width: number;
  height: number;
  altText: string;
}

/** The chart as SVG: Vega-Lite → Vega → a headless View (no browser, no canvas). */
export async function summaryChartSvg(summary: RoundSummary, lang: Lang): Promise<string> {
  // vega exports textMetrics at runtime but not in its typings.
  useDejaVuTextMetrics((vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics);
  const { spec } = compile(summaryChartSpec(summary, lang));
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises the SVG with resvg (a Rust library: no system packages, no browser). */
export function svgToPng(svg: string, width = CHART_WIDTH): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#FFFFFF',
    // System fonts only when the packaged DejaVu is missing: scanning them is slow and varies by host.
    font: { fontFiles: chartFontFiles(), loadSystemFonts: chartFontFiles().length < 2, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * The summary chart as a PNG for chat (Slack upload, Teams card image, playground), with its
 * alt text. Same summary and language, same bytes.
 */
export async function renderSummaryChart(summary: RoundSummary, lang: Lang): Promise<SummaryChart> {
  const svg = await summaryChartSvg(summary, lang);
  return { ...svgToPng(svg), altText: chartAltText(summary, lang) };
}
