import { buildSummary } from '../../core/summary/build-summary';
import type { RoundSummary } from '../../core/summary/model';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../../core/summary/__fixtures__/summary-fixture';
import { chartAltText } from './alt-text';
import { layoutSummaryChart } from './chart-layout';
import { CHART_SCALE, CHART_WIDTH } from './size';
import { renderSummaryChart, summaryChartSvg, svgToPng } from './summary-chart';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const summaryOf = (responses = mainResponses()): RoundSummary =>
  buildSummary({ round: closedRound(), responses, progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });

/** X stays shown (7 respondents); Y is withheld: only RKEY1 and RKEY2 keep Y submitted (2 < k = 3). */
const withYWithheld = () =>
  summaryOf(mainResponses().map((r) => (['RKEY1', 'RKEY2'].includes(r.respondentKey) ? r : { ...r, submittedSections: r.submittedSections.filter((s) => s !== 'Y') })));

describe('renderSummaryChart', () => {
  it('renders a PNG at twice the chat width whose header matches the reported size', async () => {
    const chart = await renderSummaryChart(summaryOf(), 'nl');
    const size = pngSize(chart.png);
    expect(size).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBe(CHART_WIDTH * CHART_SCALE);
    // Title, legend, two dimension rows and the axis: a short image.
    expect(chart.height / CHART_SCALE).toBeGreaterThan(150);
    expect(chart.height / CHART_SCALE).toBeLessThan(300);
  });

  it('grows by one row per dimension', async () => {
    const two = await renderSummaryChart(summaryOf(), 'nl');
    const s = summaryOf();
    const three = await renderSummaryChart({ ...s, dimensions: [...s.dimensions, { ...s.dimensions[0]!, dimensionId: 'Z' }] }, 'nl');
    expect(three.width).toBe(two.width);
    // One line of 14 px text plus the gap between rows, in logical pixels.
    expect((three.height - two.height) / CHART_SCALE).toBeGreaterThan(20);
    expect((three.height - two.height) / CHART_SCALE).toBeLessThan(40);
  });

  it('is deterministic, and differs when the data differ', async () => {
    const a = await renderSummaryChart(summaryOf(), 'nl');
    const again = await renderSummaryChart(summaryOf(), 'nl');
    expect(again.png.equals(a.png)).toBe(true);
    // RKEY1 changes one answer (X-s1 5 → 1): X's distribution changes.
    const changed = mainResponses().map((r) => (r.respondentKey === 'RKEY1' ? { ...r, answers: { ...r.answers, 'X-s1': 1 } } : r));
    const b = await renderSummaryChart(summaryOf(changed), 'nl');
    expect(b.png.equals(a.png)).toBe(false);
    // The language changes the text, so the image.
    const en = await renderSummaryChart(summaryOf(), 'en');
    expect(en.png.equals(a.png)).toBe(false);
  });

  it('really draws its text (a font was found)', async () => {
    const svg = await summaryChartSvg(summaryOf(), 'nl');
    const withoutText = svg.replace(/(<text[^>]*>)[^<]*(<\/text>)/g, '$1$2');
    expect(withoutText).not.toBe(svg);
    expect(svgToPng(svg).png.equals(svgToPng(withoutText).png)).toBe(false);
  });

  it('labels dimensions and means, with a decimal comma in Dutch', async () => {
    const svg = await summaryChartSvg(summaryOf(), 'nl');
    expect(svg).toContain('>X</text>');
    expect(svg).toContain('>Dimensie X</text>');
    // X: 47/14 = 3.357 → "3,4", approaching (orange); Y: 45/12 = 3.75 → "3,8" (rounded half up), meeting (sky blue).
    expect(svg).toContain('>3,4</text>');
    expect(svg).toContain('>3,8</text>');
    expect(svg).toContain('fill="#E69F00"');
    expect(svg).toContain('fill="#56B4E9"');
    expect(svg).toContain('>Benadert de verwachtingen</text>');
    expect(svg).toContain('Schaal: 1 = punt 1 … 6 = punt 6');
  });

  it('draws a bar from the bottom of the scale to the mean', () => {
    const items = layoutSummaryChart(summaryOf(), 'nl').items;
    const ticks = items.filter((i) => i.kind === 'text' && /^[1-6]$/.test(i.text));
    const xOf = (v: number) => (ticks.find((i) => i.kind === 'text' && i.text === String(v)) as { x: number }).x;
    const bars = items.filter((i) => i.kind === 'rect' && i.fill === '#E69F00' && i.height > 12); // not the legend's swatch
    expect(bars).toHaveLength(1);
    const bar = bars[0] as { x: number; width: number };
    expect(bar.x).toBeCloseTo(xOf(1), 6);
    expect(bar.x + bar.width).toBeCloseTo(xOf(1) + ((47 / 14 - 1) / 5) * (xOf(6) - xOf(1)), 6);
  });

  it('draws a withheld dimension as a grey bar saying so, with no figure', async () => {
    const s = withYWithheld();
    expect(s.dimensions[1]!.score.status).toBe('withheld');
    const svg = await summaryChartSvg(s, 'nl');
    expect(svg).toContain('>te weinig antwoorden</text>');
    expect(svg).toContain('#C9CDD2');
    expect(svg).not.toContain('>3,8<');
  });

  it('writes the "geen zicht" count under the name when there is one', async () => {
    const s = summaryOf();
    const withNoView = { ...s, dimensions: [{ ...s.dimensions[0]!, noView: { noView: 4, answered: 20 } }, s.dimensions[1]!] };
    expect(await summaryChartSvg(s, 'nl')).not.toContain('geen zicht');
    expect(await summaryChartSvg(withNoView, 'nl')).toContain('>4 van 20: geen zicht</text>');
    expect(await summaryChartSvg(withNoView, 'en')).toContain('>4 of 20: no view</text>');
  });
});

describe('chartAltText', () => {
  it('describes each dimension in words', () => {
    expect(chartAltText(summaryOf(), 'nl')).toBe(
      'Staafdiagram met de gemiddelde score per dimensie van "Voorjaar 2026". ' +
        'X Dimensie X: gemiddeld 3,4 op 6, benadert de verwachtingen (7 respondenten). ' +
        'Y Dimensie Y: gemiddeld 3,8 op 6, volgens de verwachtingen (6 respondenten).',
    );
  });

  it('says which dimensions had too few answers, in English too', () => {
    expect(chartAltText(withYWithheld(), 'en')).toContain('Y Dimension Y: too few answers to show.');
    expect(chartAltText(withYWithheld(), 'en')).toContain('X Dimension X: mean 3.4 out of 6, approaching expectations (7 respondents).');
  });
});
