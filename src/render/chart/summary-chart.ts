import { Resvg } from '@resvg/resvg-js';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { chartAltText } from './alt-text';
import { layoutSummaryChart } from './chart-layout';
import { chartSvg } from './chart-svg';
import { chartFontFiles, FONT_FAMILY } from './fonts';
import { CHART_SCALE, CHART_WIDTH } from './size';

export interface SummaryChart {
  png: Buffer;
  /** Pixels of the PNG: CHART_SCALE × the logical width it is meant to be shown at. */
  width: number;
  height: number;
  altText: string;
}

/** The chart as SVG, in logical pixels (CHART_WIDTH wide). */
export async function summaryChartSvg(summary: RoundSummary, lang: Lang): Promise<string> {
  return chartSvg(layoutSummaryChart(summary, lang));
}

/** Rasterises the SVG with resvg (a Rust library: no system packages, no browser), at CHART_SCALE× by default. */
export function svgToPng(svg: string, width = CHART_WIDTH * CHART_SCALE): { png: Buffer; width: number; height: number } {
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
