import ExcelJS from 'exceljs';
import { buildSummary } from '../../core/summary/build-summary';
import { extractQuotes } from '../../core/summary/quotes';
import type { RoundSummary } from '../../core/summary/model';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses, response } from '../../core/summary/__fixtures__/summary-fixture';
import { buildCsv, csvField } from './csv';
import { exportNote, SHEET_IDS } from './sheets';
import { buildWorkbook, safeSheetName } from './workbook';

/**
 * The main fixture summary (see build-summary.spec for the arithmetic) with a trend against a
 * previous round where X averaged 3 (three people answering 3) and Y had only two respondents.
 */
function summary(overrides: Parameters<typeof closedRound>[0] = {}): RoundSummary {
  const previous = closedRound({ id: 'round-1', title: 'Najaar 2025', state: 'published' });
  const previousResponses = [1, 2, 3].map((i) =>
    response(`PKEY${i}`, { 'X-s1': 3, 'X-s2': 3, 'Y-s1': 4, 'Y-s2': 4 }, { roundId: 'round-1', sections: i === 3 ? ['X'] : ['X', 'Y'] }),
  );
  const round = closedRound(overrides);
  // Every open answer approved, as after screening.
  const quotes = extractQuotes(round, mainResponses(), FIXTURE_NOW).map((q) => ({ ...q, status: 'approved' as const }));
  return buildSummary({
    round,
    responses: mainResponses(),
    progress: MAIN_PROGRESS,
    quotes,
    previous: { round: previous, responses: previousResponses },
    now: FIXTURE_NOW,
  });
}

async function open(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('buildWorkbook', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await open(await buildWorkbook(summary(), 'nl'));
  });

  it('has a read-me sheet and one sheet per level, named in the language asked for', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Leesmij', 'Dimensies', 'Stellingen', 'Sterktes en werkpunten', 'Groepen', 'Evolutie', 'Reflectie vraag 3', 'Open antwoorden']);
  });

  it('holds the dimension figures unrounded, and the withheld agreement as words', () => {
    const sheet = workbook.getWorksheet('Dimensies')!;
    expect(rowValues(sheet, 1).slice(0, 8)).toEqual(['Dimensie-id', 'Dimensie', 'Respondenten', 'Gemiddelde', 'Mediaan', 'Standaardafwijking', 'Niveau', '1 punt 1 (aandeel)']);
    const x = rowValues(sheet, 2);
    // X: n 7, mean 47/14, median 3, sd √353/14, approaching; shares 1/14, 3/14, 4/14, 3/14, 2/14, 1/14;
    // agreement 2/3 of 3.
    expect(x.slice(0, 3)).toEqual(['X', 'Dimensie X', 7]);
    expect(x[3]).toBeCloseTo(47 / 14, 12);
    expect(x[4]).toBe(3);
    expect(x[5]).toBeCloseTo(Math.sqrt(353) / 14, 12);
    expect(x[6]).toBe('Benadert de verwachtingen');
    expect(x.slice(7, 13).map((v) => Math.round((v as number) * 14))).toEqual([1, 3, 4, 3, 2, 1]);
    expect(x[13]).toBeCloseTo(2 / 3, 12);
    expect(x[14]).toBe(3);
    // Y-global had no answers: both agreement cells say so.
    const y = rowValues(sheet, 3);
    expect(y.slice(13, 15)).toEqual(['te weinig antwoorden', 'te weinig antwoorden']);
    expect(sheet.getRow(2).getCell(4).numFmt).toBe('0.00');
    expect(sheet.getRow(2).getCell(8).numFmt).toBe('0.0%');
    expect(sheet.rowCount).toBe(3);
  });

  it('lists statements, shown groups only, the trend and question 3', () => {
    const statements = workbook.getWorksheet('Stellingen')!;
    expect(statements.rowCount).toBe(5); // header + X-s1, X-s2, Y-s1, Y-s2
    expect(rowValues(statements, 2).slice(0, 4)).toEqual(['X', 'X-s1', 'stelling 1 van X', 7]);
    expect(rowValues(statements, 2)[4]).toBeCloseTo(24 / 7, 12);

    const groups = workbook.getWorksheet('Groepen')!;
    // X: teacher only (leadership would make the ungrouped respondent derivable); Y: both.
    expect([2, 3, 4].map((n) => rowValues(groups, n).slice(0, 4))).toEqual([
      ['X', 'Dimensie X', 'Leraar', 3],
      ['Y', 'Dimensie Y', 'Beleidsteam', 3],
      ['Y', 'Dimensie Y', 'Leraar', 3],
    ]);
    expect(groups.rowCount).toBe(4);

    const trend = workbook.getWorksheet('Evolutie')!;
    // X: 3 → 47/14, change 5/14; Y: withheld then (2 respondents).
    const x = rowValues(trend, 2);
    expect(x.slice(0, 3)).toEqual(['X', 'Dimensie X', 3]);
    expect(x[4]).toBeCloseTo(5 / 14, 12);
    expect(rowValues(trend, 3)).toEqual(['Y', 'Dimensie Y', 'te weinig antwoorden', 'te weinig antwoorden', 'te weinig antwoorden']);

    const q3 = workbook.getWorksheet('Reflectie vraag 3')!;
    // career (1 + 0.5 + 0)/3 = 0.5; learning (2 + 2.5 + 1)/3 = 5.5/3.
    expect(rowValues(q3, 2)).toEqual(['Onderwijsloopbaan', 3, 0.5]);
    expect(rowValues(q3, 3)[2]).toBeCloseTo(5.5 / 3, 12);
  });

  it('explains itself in the read-me', () => {
    const readme = workbook.getWorksheet('Leesmij')!;
    const text = readme.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('Voorjaar 2026');
    expect(text).toContain('minstens 3 respondenten per cijfer');
    expect(text).toContain('Dimensie Y: Beleidsteam gem. 5,2, Leraar gem. 2,3 (verschil 2,8).');
    expect(text).toContain('Vergeleken met "Najaar 2025".');
    // It holds the shared open answers word for word, so it never claims to hold figures only.
    expect(text).not.toMatch(/alleen samengevatte cijfers|nooit antwoorden van een individuele collega/);
    expect(text).toContain('Geen enkel cijfer in dit bestand is het antwoord van één collega');
    expect(text).toContain('Het blad ‘Open antwoorden’ bevat de open antwoorden die de samenvatting deelt');
    expect(text).toContain('alleen goedgekeurde antwoorden staan erin');
  });

  it('says which open answers a round without screening shares: every one not hidden', async () => {
    const readme = (await open(await buildWorkbook(summary({ moderation: false }), 'en'))).getWorksheet('Read me')!;
    const text = readme.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n');
    expect(text).toContain('This survey was not screened: every answer that was not hidden is in it');
    expect(text).not.toContain('only approved answers');
  });

  it('never holds a row per person or anything that identifies one', async () => {
    const all = workbook.worksheets.flatMap((s) => s.getSheetValues().flat()).map(String).join('\n');
    expect(all).not.toMatch(/RKEY|PKEY/);
    // Every data row is a dimension, statement, ranked statement, group or domain, or one open
    // answer (as the summary lists them, in their random order): 2 + 4 + 4 + 3 + 2 + 2 + answers.
    const s = summary();
    const answers = s.dimensions.flatMap((d) => [...d.quotes.strengths, ...d.quotes.priorities, ...(d.quotes.practices ?? [])]).length +
      (s.reflection?.questions.reduce((n, q) => n + q.quotes.length, 0) ?? 0) +
      (s.reflection?.roleGrid?.domains.reduce((n, d) => n + d.roles.reduce((m, r) => m + r.texts.length, 0), 0) ?? 0);
    expect(workbook.worksheets.slice(1).map((s) => s.rowCount - 1)).toEqual([2, 4, 4, 3, 2, 2, answers]);
  });

  it('lists every open answer the team may read, per dimension and question, and the response rate as a number', () => {
    const s = summary();
    const sheet = workbook.getWorksheet('Open antwoorden')!;
    const texts = sheet.getColumn(5).values.slice(2).map(String);
    for (const d of s.dimensions) for (const q of [...d.quotes.strengths, ...d.quotes.priorities]) expect(texts).toContain(q);
    for (const q of s.reflection?.questions.flatMap((x) => x.quotes) ?? []) expect(texts).toContain(q);
    expect(texts.length).toBeGreaterThan(0);
    const readme = workbook.getWorksheet('Leesmij')!;
    const rateRow = readme.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'Responsgraad') as unknown[];
    expect(typeof rateRow[2]).toBe('number');
    expect(rateRow[2]).toBeCloseTo(s.responseRate.rate!, 12);
  });

  it('withholds question 3 below k and writes the English workbook too', async () => {
    const s = summary({ anonymityThreshold: 4 });
    // k = 4: only three people answered question 3.
    const wb = await open(await buildWorkbook(s, 'en'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Read me', 'Dimensions', 'Statements', 'Strengths and work points', 'Groups', 'Trend', 'Reflection question 3', 'Open answers']);
    expect(rowValues(wb.getWorksheet('Reflection question 3')!, 2)).toEqual(['too few answers', 'too few answers', 'too few answers']);
  });

  it('makes safe sheet names', () => {
    expect(safeSheetName('Vraag 3: tijd/domein [dagen]?')).toBe('Vraag 3  tijd domein  dagen');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
  });
});

describe('buildCsv', () => {
  it('writes one sheet with a header row, "." decimals and CRLF line ends', () => {
    const csv = buildCsv(summary(), 'nl', 'trend');
    expect(csv).toBe(
      'Dimensie-id,Dimensie,Gemiddelde vorige keer,Gemiddelde nu,Verschil\r\n' +
        // 47/14 = 3.357142… → 3.3571; 5/14 = 0.357142… → 0.3571
        'X,Dimensie X,3,3.3571,0.3571\r\n' +
        'Y,Dimensie Y,te weinig antwoorden,te weinig antwoorden,te weinig antwoorden\r\n',
    );
  });

  it('quotes fields with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('gewoon')).toBe('gewoon');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('zeg "ja"')).toBe('"zeg ""ja"""');
    expect(csvField('twee\nregels')).toBe('"twee\nregels"');
    expect(csvField(' spatie')).toBe('" spatie"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-0.25, 'decimal')).toBe('-0.25');
    expect(csvField(null)).toBe('');
    expect(csvField(2 / 3, 'share')).toBe('0.6667');
    expect(csvField(7, 'integer')).toBe('7');
  });

  it('escapes a title typed by a coordinator in the read-me', () => {
    const csv = buildCsv(summary({ title: '=Voorjaar, "test"' }), 'nl', 'readme');
    expect(csv.split('\r\n')[1]).toBe('Bevraging,"\'=Voorjaar, ""test"""');
  });

  it('goes with a note that names what the file holds: the workbook has the shared open answers, a figures sheet only figures', () => {
    const s = summary();
    for (const lang of ['nl', 'en'] as const) {
      expect(exportNote(s, lang, 'xlsx', 'dimensions')).not.toMatch(/alleen cijfers|only figures|group figures only/);
    }
    expect(exportNote(s, 'nl', 'xlsx', 'dimensions')).toContain('in het blad ‘Open antwoorden’, de open antwoorden die de samenvatting deelt');
    expect(exportNote(s, 'en', 'csv', 'dimensions')).toContain('The open answers are in the ‘Open answers’ sheet of the Excel export.');
    expect(exportNote(s, 'nl', 'csv', 'openAnswers')).toContain('De open antwoorden die de samenvatting');
  });

  it('exports every sheet', () => {
    for (const sheet of SHEET_IDS) expect(buildCsv(summary(), 'en', sheet).split('\r\n').length).toBeGreaterThan(1);
  });
});
