import { createHash } from 'node:crypto';
import { extractQuotes, quoteId, quoteText, visibleQuotes } from './quotes';
import { MemoryQuoteRepository } from './__fixtures__/memory-quotes';
import { closedRound, FIXTURE_NOW, mainResponses } from './__fixtures__/summary-fixture';

const counter = () => {
  let n = 0;
  return () => ++n;
};

describe('extractQuotes', () => {
  const round = closedRound();
  const quotes = extractQuotes(round, mainResponses(), FIXTURE_NOW, counter());

  it('makes one quote per non-empty open answer, free-text reflection answer and role-grid cell of a submitted section', () => {
    expect(quotes.map((q) => [q.itemId, q.section, q.cell ?? null, q.text])).toEqual([
      ['X-strengths', 'X', null, 'Heldere afspraken over de basiszorg.'],
      ['R4', 'reflection', { domain: 'career', role: 'mine' }, 'Loopbaangesprekken met mijn klas.'],
      ['R4', 'reflection', { domain: 'learning', role: 'teachers' }, 'Differentiëren in de les.'],
      ['Y-strengths', 'Y', null, 'Goede samenwerking met het CLB.'],
      ['R1', 'reflection', null, 'Ik maak het verschil bij een leerling die vastliep.'],
      ['X-priorities', 'X', null, 'Meer tijd voor overleg.'],
      ['R2', 'reflection', null, 'Te weinig uren voor zorg.'],
      // RKEY7: X submitted → quoted; its Y-strengths draft (Y never submitted) → not.
      ['X-priorities', 'X', null, 'Jan van het zorgteam luistert niet.'],
    ]);
  });

  it('starts every quote pending, untagged, stamped with the closing time only', () => {
    for (const q of quotes) {
      expect(q).toMatchObject({ roundId: 'round-2', status: 'pending', themes: [], createdAt: FIXTURE_NOW, updatedAt: FIXTURE_NOW });
    }
  });

  it('never carries the respondent key, the group or an answer time', () => {
    const json = JSON.stringify(quotes);
    expect(json).not.toMatch(/RKEY|teacher"|leadership/);
    for (const r of mainResponses()) for (const d of [r.createdAt, r.updatedAt, r.completedAt]) if (d) expect(json).not.toContain(d.toISOString());
    // answerId (role-grid cells only) is a one-way hash shared by the cells of one grid answer.
    const allowed = ['id', 'roundId', 'itemId', 'section', 'cell', 'answerId', 'text', 'status', 'themes', 'order', 'createdAt', 'updatedAt'];
    for (const q of quotes) for (const key of Object.keys(q)) expect(allowed).toContain(key);
  });

  it('derives ids from round, respondent, item (and cell) with sha256', () => {
    const expected = createHash('sha256').update('round-2\u0000RKEY1\u0000X-strengths').digest('hex');
    expect(quotes[0]!.id).toBe(expected);
    const cell = createHash('sha256').update('round-2\u0000RKEY1\u0000R4\u0000career\u0000mine').digest('hex');
    expect(quotes[1]!.id).toBe(cell);
    expect(new Set(quotes.map((q) => q.id)).size).toBe(quotes.length);
    // The same answer in another round is another quote.
    expect(quoteId('round-3', 'RKEY1', 'X-strengths')).not.toBe(expected);
  });

  it('is idempotent: closing twice stores each quote once, with its first order', async () => {
    const repo = new MemoryQuoteRepository();
    await repo.insertMany(extractQuotes(round, mainResponses(), FIXTURE_NOW, counter()));
    const first = await repo.listByRound('round-2');
    // A second close (a retried job) draws new random ranks: they must not replace the first.
    await repo.insertMany(extractQuotes(round, mainResponses(), new Date(FIXTURE_NOW.getTime() + 60_000), () => 999));
    const second = await repo.listByRound('round-2');
    expect(second).toHaveLength(8);
    expect(second).toEqual(first);
  });

  it('draws a random order by default', () => {
    const a = extractQuotes(round, mainResponses(), FIXTURE_NOW).map((q) => q.order);
    const b = extractQuotes(round, mainResponses(), FIXTURE_NOW).map((q) => q.order);
    expect(a.every((n) => Number.isInteger(n) && n >= 0)).toBe(true);
    // 8 ranks drawn from 2^47 values twice: identical lists would mean it is not random.
    expect(a).not.toEqual(b);
  });
});

describe('visibleQuotes', () => {
  const quotes = extractQuotes(closedRound(), mainResponses(), FIXTURE_NOW, counter());
  // Extraction order 1..8 reversed, to prove visibility sorts by `order`.
  const reordered = quotes.map((q, i) => ({ ...q, order: 100 - i }));
  const sections = new Map([
    ['X', 7],
    ['Y', 6],
    ['reflection', 2],
  ]);

  it('moderation on: only approved quotes, in their fixed order', () => {
    const approved = reordered.map((q, i) => (i % 2 === 0 ? { ...q, status: 'approved' as const } : q));
    const shown = visibleQuotes(closedRound(), approved, sections);
    expect(shown.map((q) => q.order)).toEqual([94, 96, 98, 100]);
  });

  it('moderation off: every quote that is not hidden, but only from sections with at least k respondents', () => {
    const hidden = reordered.map((q) => (q.text.startsWith('Meer tijd') ? { ...q, status: 'hidden' as const } : q));
    const shown = visibleQuotes(closedRound({ moderation: false }), hidden, sections);
    // Reflection was submitted by 2 < 3 people: R1, R2 and the R4 cells stay out; the hidden one too.
    expect(shown.map((q) => q.text)).toEqual(['Jan van het zorgteam luistert niet.', 'Goede samenwerking met het CLB.', 'Heldere afspraken over de basiszorg.']);
  });

  it('moderation off: a section of exactly k respondents is enough, k − 1 is not', () => {
    const off = closedRound({ moderation: false }); // k = 3
    const reflectionTexts = (n: number) =>
      visibleQuotes(off, quotes, new Map([...sections, ['reflection', n]]))
        .filter((q) => q.section === 'reflection')
        .map((q) => q.itemId);
    expect(reflectionTexts(3)).toEqual(['R4', 'R4', 'R1', 'R2']);
    expect(reflectionTexts(2)).toEqual([]);
  });

  it("never shows another round's quotes", () => {
    const foreign = quotes.map((q) => ({ ...q, roundId: 'round-x', status: 'approved' as const }));
    expect(visibleQuotes(closedRound(), foreign, sections)).toEqual([]);
  });

  it('shows the edited text when there is one', () => {
    expect(quoteText({ text: 'Jan luistert niet.', editedText: 'Iemand luistert niet.' })).toBe('Iemand luistert niet.');
    expect(quoteText({ text: 'Jan luistert niet.' })).toBe('Jan luistert niet.');
  });
});
