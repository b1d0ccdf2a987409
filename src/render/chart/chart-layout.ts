import { t } from '../../i18n';
import type { Lang } from '../../core/questionnaire/schema';
import type { DimensionSummary, RoundSummary } from '../../core/summary/model';
import { formatDecimal, formatPercent, localize, scaleMax, scalePointLabel } from '../../core/summary/labels';
import { BAND_COLOURS, MUTED_TEXT_COLOUR, TEXT_COLOUR, WITHHELD_COLOUR } from './palette';
import { CHART_WIDTH } from './size';
import { textWidth } from './text-width';
import { wrapText } from './wrap';

/**
 * The summary chart laid out for chat width (see size.ts): per dimension one horizontal bar
 * from the bottom of the scale to its mean, coloured by the ROK band of the mean, the mean
 * written at the bar's end; the dimension's id and short name on the left (the full name is
 * in the message text beside the chart; without a short name the full one is wrapped over
 * lines, never cut), and under it the "geen zicht" count when there is one. A legend names the
 * band colours, the axis shows the scale points, one line says what the ends of the scale
 * mean. Every position is computed here, from DejaVu Sans's widths, so nothing can run off the
 * canvas and the SVG is the same bytes for the same summary.
 */

export type ChartText = {
  kind: 'text';
  /** Anchor point; y is the baseline. */
  x: number;
  y: number;
  text: string;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  colour: string;
};
export type ChartRect = { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string };
export type ChartLine = { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string };
export type ChartItem = ChartText | ChartRect | ChartLine;

export type ChartLayout = { width: number; height: number; items: ChartItem[] };

const PADDING = 12;
const TITLE_SIZE = 15;
const LABEL_SIZE = 14;
const SMALL_SIZE = 13;
const lineHeight = (size: number) => Math.round(size * 1.35);
/** The widest the name column may grow before names wrap. */
const MAX_NAME_WIDTH = 190;
const BAR_HEIGHT = 16;
const ROW_GAP = 10;
const GRID_COLOUR = '#E4E7EB';
const SWATCH = 12;

/** What the chart writes for a dimension: its short name when the questionnaire gives one, else the full title. */
export function chartName(d: Pick<DimensionSummary, 'title' | 'shortTitle'>, lang: Lang): { text: string; isFullTitle: boolean } {
  return d.shortTitle ? { text: localize(d.shortTitle, lang), isFullTitle: false } : { text: localize(d.title, lang), isFullTitle: true };
}

/** Text lines from `top` down, each at its baseline; returns the y below the last line. */
function pushLines(items: ChartItem[], lines: string[], x: number, top: number, size: number, style: { bold?: boolean; colour?: string; anchor?: ChartText['anchor'] } = {}): number {
  let y = top;
  for (const text of lines) {
    items.push({ kind: 'text', x, y: y + size, text, size, bold: style.bold ?? false, anchor: style.anchor ?? 'start', colour: style.colour ?? TEXT_COLOUR });
    y += lineHeight(size);
  }
  return y;
}

function subtitle(summary: RoundSummary, lang: Lang, min: number, max: number): string {
  const r = summary.responseRate;
  if (r.rate === null) return t(lang, 'summary:chart.subtitleNoRate', { min, max });
  return t(lang, 'summary:chart.subtitle', { min, max, rate: formatPercent(r.rate, lang), completed: r.completed, invited: r.invited });
}

/** The band colours with their names, flowed over as many rows as they need. */
function legend(items: ChartItem[], summary: RoundSummary, lang: Lang, top: number, contentWidth: number): number {
  const anyWithheld = summary.dimensions.some((d) => d.score.status === 'withheld');
  const entries = [
    ...summary.labels.bands.map((b) => ({ colour: BAND_COLOURS[b.band], label: localize(b.label, lang) })),
    ...(anyWithheld ? [{ colour: WITHHELD_COLOUR, label: t(lang, 'summary:chart.withheldBar') }] : []),
  ];
  const gap = 16;
  const rowHeight = lineHeight(SMALL_SIZE);
  let x = PADDING;
  let y = top;
  for (const entry of entries) {
    const lines = wrapText(entry.label, contentWidth - SWATCH - 6, SMALL_SIZE);
    const width = SWATCH + 6 + Math.max(...lines.map((l) => textWidth(l, SMALL_SIZE)));
    if (x > PADDING && x + width > PADDING + contentWidth) {
      x = PADDING;
      y += rowHeight;
    }
    items.push({ kind: 'rect', x, y: y + (rowHeight - SWATCH) / 2, width: SWATCH, height: SWATCH, fill: entry.colour });
    const below = pushLines(items, lines, x + SWATCH + 6, y + (rowHeight - lineHeight(SMALL_SIZE)) / 2 - 1, SMALL_SIZE);
    if (lines.length > 1) {
      // A label that needed more than one line takes the rest of its row.
      x = PADDING;
      y = below;
    } else x += width + gap;
  }
  return (x === PADDING ? y : y + rowHeight) + 4;
}

export function layoutSummaryChart(summary: RoundSummary, lang: Lang): ChartLayout {
  const width = CHART_WIDTH;
  const contentWidth = width - 2 * PADDING;
  const items: ChartItem[] = [];
  const points = summary.labels.scalePoints.map((p) => p.value);
  const min = Math.min(...points);
  const max = scaleMax(summary);

  let y = PADDING;
  y = pushLines(items, wrapText(t(lang, 'summary:chart.title', { title: summary.round.title }), contentWidth, TITLE_SIZE, true), PADDING, y, TITLE_SIZE, { bold: true });
  y = pushLines(items, wrapText(subtitle(summary, lang, min, max), contentWidth, SMALL_SIZE), PADDING, y, SMALL_SIZE, { colour: MUTED_TEXT_COLOUR });
  y = legend(items, summary, lang, y + 6, contentWidth) + 6;

  // Columns: id, name, bars, the mean's figure.
  const ids = summary.dimensions.map((d) => d.dimensionId);
  const idWidth = Math.max(0, ...ids.map((id) => textWidth(id, LABEL_SIZE, true)));
  const names = summary.dimensions.map((d) => chartName(d, lang).text);
  const notes = summary.dimensions.map((d) => (d.noView && d.noView.noView > 0 ? t(lang, 'summary:figure.noView', { noView: d.noView.noView, answered: d.noView.answered }) : ''));
  const nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(0, ...names.map((n) => textWidth(n, LABEL_SIZE)), ...notes.map((n) => textWidth(n, SMALL_SIZE))));
  const means = summary.dimensions.map((d) => (d.score.status === 'shown' ? formatDecimal(d.score.mean, lang) : ''));
  const valueWidth = Math.max(textWidth(formatDecimal(max, lang), LABEL_SIZE, true), ...means.map((m) => textWidth(m, LABEL_SIZE, true)));
  const nameX = PADDING + idWidth + 6;
  const plotLeft = nameX + nameWidth + 12;
  const plotRight = width - PADDING - valueWidth - 6;
  const xOf = (value: number) => plotLeft + ((value - min) / (max - min)) * (plotRight - plotLeft);

  const rowsTop = y;
  const rows: ChartItem[] = [];
  summary.dimensions.forEach((d, i) => {
    const top = y + ROW_GAP / 2;
    const firstLineMiddle = top + lineHeight(LABEL_SIZE) / 2;
    pushLines(rows, [d.dimensionId], PADDING, top, LABEL_SIZE, { bold: true });
    let below = pushLines(rows, wrapText(names[i]!, nameWidth, LABEL_SIZE), nameX, top, LABEL_SIZE);
    if (notes[i]) below = pushLines(rows, wrapText(notes[i]!, nameWidth, SMALL_SIZE), nameX, below, SMALL_SIZE, { colour: MUTED_TEXT_COLOUR });
    const barTop = firstLineMiddle - BAR_HEIGHT / 2;
    if (d.score.status === 'shown') {
      const end = xOf(d.score.mean);
      rows.push({ kind: 'rect', x: plotLeft, y: barTop, width: Math.max(2, end - plotLeft), height: BAR_HEIGHT, fill: BAND_COLOURS[d.score.band] });
      rows.push({ kind: 'text', x: Math.max(end, plotLeft + 2) + 5, y: firstLineMiddle + 0.36 * LABEL_SIZE, text: means[i]!, size: LABEL_SIZE, bold: true, anchor: 'start', colour: TEXT_COLOUR });
    } else {
      rows.push({ kind: 'rect', x: plotLeft, y: barTop, width: plotRight - plotLeft, height: BAR_HEIGHT, fill: WITHHELD_COLOUR });
      const label = wrapText(t(lang, 'summary:chart.withheldBar'), plotRight - plotLeft - 8, SMALL_SIZE);
      pushLines(rows, label, plotLeft + 4, firstLineMiddle - lineHeight(SMALL_SIZE) / 2 - 1, SMALL_SIZE);
    }
    y = Math.max(below, barTop + BAR_HEIGHT) + ROW_GAP / 2;
  });
  const rowsBottom = y;

  // Grid lines first, so the bars are drawn over them.
  for (const value of points) items.push({ kind: 'line', x1: xOf(value), y1: rowsTop, x2: xOf(value), y2: rowsBottom, stroke: GRID_COLOUR });
  items.push(...rows);
  y = rowsBottom + 2;
  for (const value of points) items.push({ kind: 'text', x: xOf(value), y: y + SMALL_SIZE, text: String(value), size: SMALL_SIZE, bold: false, anchor: 'middle', colour: MUTED_TEXT_COLOUR });
  y += lineHeight(SMALL_SIZE) + 4;
  const ends = t(lang, 'summary:chart.scaleEnds', { min, minLabel: scalePointLabel(summary, min, lang).toLowerCase(), max, maxLabel: scalePointLabel(summary, max, lang).toLowerCase() });
  y = pushLines(items, wrapText(ends, contentWidth, SMALL_SIZE), PADDING, y, SMALL_SIZE, { colour: MUTED_TEXT_COLOUR });
  return { width, height: Math.ceil(y + PADDING), items };
}
