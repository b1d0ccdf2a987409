import type { TopLevelSpec } from 'vega-lite';
import { t } from '../../i18n';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { bandLabel, formatDecimal, formatPercent, localize, withheldLabel } from '../../core/summary/labels';
import { labelColourOn, MUTED_TEXT_COLOUR, pointColours, TEXT_COLOUR, WITHHELD_COLOUR } from './palette';

/** The chart is laid out for this width: a chat message image shown at full width. */
export const CHART_WIDTH = 1200;
const PADDING = 24;
/** Room right of the bars for "gem. 3,8 · Volgens de verwachtingen · n = 12". */
const MEAN_LABEL_SPACE = 360;
const BAR_WIDTH = CHART_WIDTH - 2 * PADDING - MEAN_LABEL_SPACE;
const BAR_HEIGHT = 30;
/** Segments narrower than this share get no percentage label (it would not fit). */
const MIN_LABELLED_SHARE = 0.06;
export const FONT_FAMILY = 'DejaVu Sans';

type Row = {
  kind: 'segment' | 'mean';
  order: number;
  header: string;
  x0?: number;
  x1?: number;
  xm?: number;
  legend?: string;
  label?: string;
  labelColour?: string;
  text?: string;
};

/** The legend entries in scale order, then the grey "too few answers". */
function legendEntries(summary: RoundSummary, lang: Lang) {
  const colours = pointColours(summary.labels.scalePoints);
  const entries = summary.labels.scalePoints.map((p) => ({ value: p.value, name: `${p.value} ${localize(p.label, lang)}`, colour: colours.get(p.value)! }));
  return { entries, colours };
}

/** The rows the chart draws: one segment per scale point of each shown dimension, one grey bar per withheld one. */
export function chartRows(summary: RoundSummary, lang: Lang): Row[] {
  const { entries } = legendEntries(summary, lang);
  const withheldName = t(lang, 'summary:chart.withheldBar');
  const rows: Row[] = [];
  summary.dimensions.forEach((d, order) => {
    const header = `${d.dimensionId} · ${localize(d.title, lang)}`;
    const score = d.score;
    if (score.status === 'withheld') {
      rows.push({ kind: 'segment', order, header, x0: 0, x1: 1, xm: 0.5, legend: withheldName, label: withheldLabel(score.reason, lang), labelColour: TEXT_COLOUR });
      return;
    }
    let x = 0;
    for (const point of score.distribution) {
      if (point.count === 0) continue;
      const entry = entries.find((e) => e.value === point.value)!;
      const x0 = x;
      x += point.share;
      rows.push({
        kind: 'segment',
        order,
        header,
        x0,
        // The last segment ends exactly at 1, whatever the floating-point sum of the shares.
        x1: Math.min(1, x),
        xm: (x0 + Math.min(1, x)) / 2,
        legend: entry.name,
        label: point.share >= MIN_LABELLED_SHARE ? formatPercent(point.share, lang) : '',
        labelColour: labelColourOn(entry.colour),
      });
    }
    const mean = t(lang, 'summary:figure.meanShort', { mean: formatDecimal(score.mean, lang) });
    const n = t(lang, 'summary:figure.respondentsShort', { n: score.n });
    rows.push({ kind: 'mean', order, header, text: `${mean} · ${bandLabel(summary, score.band, lang)} · ${n}` });
  });
  return rows;
}

function subtitle(summary: RoundSummary, lang: Lang): string {
  const r = summary.responseRate;
  if (r.rate === null) return t(lang, 'summary:chart.subtitleNoRate');
  return t(lang, 'summary:chart.subtitle', { rate: formatPercent(r.rate, lang), completed: r.completed, invited: r.invited });
}

/**
 * A Vega-Lite spec: one row per dimension (its title above the bar), the bar stacked from the
 * lowest to the highest scale point as shares of the answers, coloured by ROK band, the mean and
 * band written to the right; withheld dimensions are a grey bar saying so.
 */
export function summaryChartSpec(summary: RoundSummary, lang: Lang): TopLevelSpec {
  const { entries } = legendEntries(summary, lang);
  const withheldName = t(lang, 'summary:chart.withheldBar');
  const anyWithheld = summary.dimensions.some((d) => d.score.status === 'withheld');
  const legendDomain = [...entries.map((e) => e.name), ...(anyWithheld ? [withheldName] : [])];
  const legendRange = [...entries.map((e) => e.colour), ...(anyWithheld ? [WITHHELD_COLOUR] : [])];
  const x = { field: 'x0', type: 'quantitative' as const, scale: { domain: [0, 1] }, axis: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    padding: PADDING,
    background: '#FFFFFF',
    title: {
      text: t(lang, 'summary:chart.title', { title: summary.round.title }),
      subtitle: subtitle(summary, lang),
      anchor: 'start',
      fontSize: 22,
      fontWeight: 'bold',
      color: TEXT_COLOUR,
      subtitleFontSize: 15,
      subtitleColor: MUTED_TEXT_COLOUR,
      subtitlePadding: 6,
      offset: 14,
    },
    data: { values: chartRows(summary, lang) },
    facet: {
      row: {
        field: 'header',
        type: 'nominal',
        sort: { field: 'order', op: 'min' },
        title: null,
        header: {
          labelAngle: 0,
          labelOrient: 'top',
          labelAnchor: 'start',
          labelAlign: 'left',
          labelFontSize: 16,
          labelFontWeight: 'bold',
          labelColor: TEXT_COLOUR,
          labelPadding: 0,
          labelBaseline: 'bottom',
          labelLimit: BAR_WIDTH + MEAN_LABEL_SPACE,
        },
      },
    },
    spacing: 18,
    spec: {
      width: BAR_WIDTH,
      height: BAR_HEIGHT,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'segment'" }],
          mark: { type: 'bar', stroke: '#FFFFFF', strokeWidth: 1.5 },
          encoding: {
            x,
            x2: { field: 'x1' },
            y: { value: 0 },
            y2: { value: BAR_HEIGHT },
            color: {
              field: 'legend',
              type: 'nominal',
              scale: { domain: legendDomain, range: legendRange },
              legend: {
                title: null,
                orient: 'top',
                direction: 'horizontal',
                columns: legendDomain.length,
                symbolType: 'square',
                symbolSize: 220,
                labelFontSize: 14,
                labelColor: TEXT_COLOUR,
                labelLimit: 0,
                columnPadding: 18,
                offset: 30,
                padding: 0,
              },
            },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'segment' && datum.label !== ''" }],
          mark: { type: 'text', fontSize: 14, fontWeight: 'bold', baseline: 'middle', align: 'center' },
          encoding: {
            x: { field: 'xm', type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
            text: { field: 'label' },
            color: { field: 'labelColour', type: 'nominal', scale: null },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'mean'" }],
          mark: { type: 'text', fontSize: 15, align: 'left', baseline: 'middle', dx: 14, color: TEXT_COLOUR },
          encoding: {
            x: { datum: 1, type: 'quantitative', scale: { domain: [0, 1] }, axis: null },
            text: { field: 'text' },
          },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      header: { labelFont: FONT_FAMILY },
      legend: { labelFont: FONT_FAMILY },
      title: { font: FONT_FAMILY, subtitleFont: FONT_FAMILY },
    },
  };
}
