import { Resvg } from '@resvg/resvg-js';
import { sampleSummary } from '../../../test/teams/sample-cards';
import type { Lang } from '../../core/questionnaire/schema';
import type { RoundSummary } from '../../core/summary/model';
import { summaryPost } from '../../slack/presenters/summary';
import { summaryCard } from '../../teams/cards/presenters/summary';
import { chartFontFiles, FONT_FAMILY } from './fonts';
import { summaryChartSvg } from './summary-chart';
import { textWidth } from './text-width';

/**
 * The chart is read at chat width (issue #13): the SVG, before rasterising, is checked for the
 * size it is shown at, the size of every text there, text running off the canvas or into other
 * text, and whether every dimension can be read in full (in the chart, or in the message beside
 * it when the chart gives the short name).
 */

/** DejaVu Sans's ascent and descent (hhea), in em: the vertical room a line of text takes. */
const ASCENT = 0.928;
const DESCENT = 0.236;
/** The narrowest card a chat client commonly gives the chart without the reader zooming. */
const NARROW_CHAT_WIDTH = 480;

type SvgText = { x: number; y: number; size: number; bold: boolean; anchor: string; text: string };

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const attributes = (tag: string) => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

function parseSvg(svg: string): { width: number; height: number; texts: SvgText[] } {
  const root = attributes(/<svg\b[^>]*>/.exec(svg)![0]);
  // Every text is a flat <text> (no tspans, no transforms) so its position is its own.
  expect(svg).not.toMatch(/<tspan|transform=/);
  const texts = [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const a = attributes(m[1]!);
    return { x: Number(a.x), y: Number(a.y), size: Number(a['font-size']), bold: a['font-weight'] === 'bold', anchor: a['text-anchor'] ?? 'start', text: decode(m[2]!) };
  });
  expect(texts).toHaveLength((svg.match(/<text\b/g) ?? []).length);
  return { width: Number(root.width), height: Number(root.height), texts };
}

function box(t: SvgText) {
  const w = textWidth(t.text, t.size, t.bold);
  const left = t.anchor === 'middle' ? t.x - w / 2 : t.anchor === 'end' ? t.x - w : t.x;
  return { left, right: left + w, top: t.y - ASCENT * t.size, bottom: t.y + DESCENT * t.size };
}

/** What resvg itself draws of the text alone (glyph outlines from the real font), as one box. */
function drawnTextBox(svg: string) {
  const textOnly = svg.replace(/<(rect|line)\b[^>]*\/>/g, '');
  return new Resvg(textOnly, { font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY } }).getBBox()!;
}

const withoutShortNames = (s: RoundSummary): RoundSummary => ({ ...s, dimensions: s.dimensions.map(({ shortTitle: _, ...d }) => d) });

/** Longer names than any real questionnaire, one unbreakable word, "geen zicht" counts, a withheld dimension, a long round title. */
function extreme(s: RoundSummary): RoundSummary {
  const long = (text: string, i: number) => (i === 3 ? `${text} Ondersteuningsnetwerkcoördinatiemechanismen` : `${text} (${text.toLowerCase()})`);
  return {
    ...withoutShortNames(s),
    round: { ...s.round, title: 'Beginsituatieanalyse van het leerzorgbeleid, tweede meting na het actieplan van het schooljaar 2025–2026' },
    dimensions: s.dimensions.map(({ shortTitle: _, ...d }, i) => ({
      ...d,
      title: { nl: long(d.title.nl, i), en: long(d.title.en, i) },
      noView: { noView: i + 1, answered: 60 },
      ...(i === 5 ? { score: { status: 'withheld' as const, reason: 'too_few' as const } } : {}),
    })),
  };
}

/** Each case with the most logical pixels its chart may be tall (the overview has to fit one screen). */
const cases: [string, (lang: Lang) => RoundSummary, number][] = [
  ['the shipped questionnaire (7 dimensions, short names)', (lang) => sampleSummary({ respondents: 12, lang }), 420],
  ['7 long names and no short names', (lang) => withoutShortNames(sampleSummary({ respondents: 12, lang })), 640],
  ['extreme names, counts and a withheld dimension', (lang) => extreme(sampleSummary({ respondents: 12, lang })), Infinity],
];

/** The width the Teams card asks the image to be shown at. */
function teamsImageWidth(summary: RoundSummary, lang: Lang): number {
  const card = JSON.stringify(summaryCard(summary, lang, { url: 'https://bot.example/charts/t.png', altText: 'chart' }));
  const image = /\{[^{}]*"type":"Image"[^{}]*\}/.exec(card)![0];
  expect(image).not.toContain('"size":"Stretch"');
  return Number(/"width":"(\d+)px"/.exec(image)![1]);
}

describe.each(['nl', 'en'] as const)('the summary chart at chat width (%s)', (lang) => {
  it.each(cases)('%s: sized for chat, every text ≥ 12 px there, inside the canvas, apart', async (_, make, maxHeight) => {
    const summary = make(lang);
    expect(summary.dimensions).toHaveLength(7);
    const svg = await summaryChartSvg(summary, lang);
    const { width, height, texts } = parseSvg(svg);

    // Drawn for the width Teams shows it at, within the 400–600 px of chat; height modest.
    const shownAt = teamsImageWidth(summary, lang);
    expect(width).toBe(shownAt);
    expect(width).toBeGreaterThanOrEqual(400);
    expect(width).toBeLessThanOrEqual(600);
    expect(height).toBeLessThanOrEqual(maxHeight);

    // Readable without zooming, also on a card a little narrower than asked for.
    expect(texts.length).toBeGreaterThan(30);
    expect(texts.filter((t) => (t.size * shownAt) / width < 13).map((t) => t.text)).toEqual([]);
    expect(texts.filter((t) => (t.size * NARROW_CHAT_WIDTH) / width < 12).map((t) => t.text)).toEqual([]);

    // Nothing runs off the canvas, by the font's advance widths ...
    const outside = texts.filter((t) => {
      const b = box(t);
      return b.left < 0 || b.right > width || b.top < 0 || b.bottom > height;
    });
    expect(outside.map((t) => t.text)).toEqual([]);
    // ... and by what resvg really draws.
    const drawn = drawnTextBox(svg);
    expect(drawn.x).toBeGreaterThanOrEqual(0);
    expect(drawn.y).toBeGreaterThanOrEqual(0);
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(width);
    expect(drawn.y + drawn.height).toBeLessThanOrEqual(height);

    // No text is drawn over another.
    const boxes = texts.map((t) => ({ t: t.text, ...box(t) }));
    const overlapping: string[][] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) overlapping.push([a.t, b.t]);
      }
    expect(overlapping).toEqual([]);
  });

  it.each(cases)('%s: every dimension can be read in full, in the chart or beside it', async (_, make) => {
    const summary = make(lang);
    const { texts } = parseSvg(await summaryChartSvg(summary, lang));
    const chartText = texts.map((t) => t.text).join(' ');
    const teams = JSON.stringify(summaryCard(summary, lang, { url: 'https://bot.example/charts/t.png', altText: 'chart' }));
    const slack = JSON.stringify(summaryPost(summary).main.blocks);
    for (const d of summary.dimensions) {
      const full = d.title[lang];
      expect(texts.map((t) => t.text)).toContain(d.dimensionId);
      if (d.shortTitle) {
        // The chart gives the short name; the message beside it gives the full one under the same id.
        expect(chartText).toContain(d.shortTitle[lang]);
        expect(chartText).not.toContain(full);
        expect(teams).toContain(JSON.stringify(`${d.dimensionId}. ${full}`).slice(1, -1));
        expect(slack).toContain(JSON.stringify(`*${d.dimensionId}. ${full}*`).slice(1, -1));
      } else {
        // Wrapped over lines, nothing left out (a word too long for a line is split, not cut).
        expect(chartText.replace(/\s+/g, '')).toContain(full.replace(/\s+/g, ''));
      }
    }
  });
});
