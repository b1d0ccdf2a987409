import { buildSummary } from '../../core/summary/build-summary';
import type { RoundSummary } from '../../core/summary/model';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../../core/summary/__fixtures__/summary-fixture';
import { chartAltText } from './alt-text';
import { chartRows, CHART_WIDTH } from './chart-spec';
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
  it('renders a PNG of the chat width whose header matches the reported size', async () => {
    const chart = await renderSummaryChart(summaryOf(), 'nl');
    const size = pngSize(chart.png);
    expect(size).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBe(CHART_WIDTH);
    // Title, legend and two dimension rows: a wide, short image.
    expect(chart.height).toBeGreaterThan(200);
    expect(chart.height).toBeLessThan(450);
  });

  it('grows by one row per dimension', async () => {
    const two = await renderSummaryChart(summaryOf(), 'nl');
    const s = summaryOf();
    const three = await renderSummaryChart({ ...s, dimensions: [...s.dimensions, { ...s.dimensions[0]!, dimensionId: 'Z' }] }, 'nl');
    expect(three.width).toBe(two.width);
    expect(three.height - two.height).toBeGreaterThan(50);
    expect(three.height - two.height).toBeLessThan(120);
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

  it('labels dimensions, means and bands, with a decimal comma in Dutch', async () => {
    const svg = await summaryChartSvg(summaryOf(), 'nl');
    expect(svg).toContain('X · Dimensie X');
    // X: 47/14 = 3.357 → "3,4", approaching; n = 7.
    expect(svg).toContain('gem. 3,4 · Benadert de verwachtingen · n = 7');
    // Y: 45/12 = 3.75 → "3,8" (rounded half up), meeting; n = 6.
    expect(svg).toContain('gem. 3,8 · Volgens de verwachtingen · n = 6');
    // X's 2s: 3 of 14 = 21%.
    expect(svg).toContain('>21%<');
  });

  it('draws a withheld dimension as a grey bar saying so, with no figure', async () => {
    const s = withYWithheld();
    expect(s.dimensions[1]!.score.status).toBe('withheld');
    const rows = chartRows(s, 'nl').filter((r) => r.header.startsWith('Y '));
    expect(rows).toEqual([expect.objectContaining({ kind: 'segment', x0: 0, x1: 1, label: 'te weinig antwoorden' })]);
    const svg = await summaryChartSvg(s, 'nl');
    expect(svg).toContain('>te weinig antwoorden<');
    expect(svg).toContain('#C9CDD2');
    expect(svg).not.toContain('n = 2');
  });

  it('stacks the shares of each shown dimension from 0 to exactly 1', () => {
    const rows = chartRows(summaryOf(), 'nl').filter((r) => r.kind === 'segment' && r.header.startsWith('X '));
    // X has answers on all six points: 1/14, 3/14, 4/14, 3/14, 2/14, 1/14.
    expect(rows.map((r) => r.legend)).toEqual(['1 punt 1', '2 punt 2', '3 punt 3', '4 punt 4', '5 punt 5', '6 punt 6']);
    expect(rows[0]!.x0).toBe(0);
    expect(rows[5]!.x1).toBe(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.x0).toBe(rows[i - 1]!.x1);
    expect(rows[1]!.x1! - rows[1]!.x0!).toBeCloseTo(3 / 14, 12);
  });
});

describe('chartAltText', () => {
  it('describes each dimension in words', () => {
    expect(chartAltText(summaryOf(), 'nl')).toBe(
      'Staafdiagram met de verdeling van de antwoorden per dimensie van "Voorjaar 2026". ' +
        'X Dimensie X: gemiddeld 3,4 op 6, benadert de verwachtingen (7 respondenten). ' +
        'Y Dimensie Y: gemiddeld 3,8 op 6, volgens de verwachtingen (6 respondenten).',
    );
  });

  it('says which dimensions had too few answers, in English too', () => {
    expect(chartAltText(withYWithheld(), 'en')).toContain('Y Dimension Y: too few answers to show.');
    expect(chartAltText(withYWithheld(), 'en')).toContain('X Dimension X: mean 3.4 out of 6, approaching expectations (7 respondents).');
  });
});
