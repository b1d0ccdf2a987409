import { createHash } from 'node:crypto';
import { extractQuotes, quoteText, visibleQuotes } from './quotes';
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
    // answerId (role-grid cells only) is a random id shared by the cells of one grid answer.
    const allowed = ['id', 'roundId', 'batch', 'itemId', 'section', 'cell', 'answerId', 'text', 'status', 'themes', 'order', 'createdAt', 'updatedAt'];
    for (const q of quotes) for (const key of Object.keys(q)) expect(allowed).toContain(key);
  });

  it('gives every quote a random id, not one derived from the respondent key', () => {
    expect(new Set(quotes.map((q) => q.id)).size).toBe(quotes.length);
    // What the old deterministic id was: a hash of round, respondent key and item.
    const derived = createHash('sha256').update('round-2\u0000RKEY1\u0000X-strengths').digest('hex');
    expect(quotes.map((q) => q.id)).not.toContain(derived);
    // The same answers extracted again get other ids (extractQuotesOnce keeps one set).
    const again = extractQuotes(round, mainResponses(), FIXTURE_NOW, counter());
    expect(again.map((q) => q.id).filter((id) => quotes.some((q) => q.id === id))).toEqual([]);
    for (const q of quotes) expect(q.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('gives the cells of one role-grid answer one random answerId, and other quotes none', () => {
    const grid = quotes.filter((q) => q.cell);
    expect(grid).toHaveLength(2);
    expect(grid[0]!.answerId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(grid[1]!.answerId).toBe(grid[0]!.answerId);
    for (const q of quotes) if (!q.cell) expect(q.answerId).toBeUndefined();
    const derived = createHash('sha256').update('round-2\u0000RKEY2\u0000R4').digest('hex');
    expect(grid[0]!.answerId).not.toBe(derived);
    const again = extractQuotes(round, mainResponses(), FIXTURE_NOW, counter());
    expect(again.find((q) => q.cell)!.answerId).not.toBe(grid[0]!.answerId);
  });

  it('lists the quotes in their random order, so one writer\'s quotes are not stored side by side', () => {
    const ranks = [5, 1, 7, 3, 8, 2, 6, 4];
    let i = 0;
    const shuffled = extractQuotes(round, mainResponses(), FIXTURE_NOW, () => ranks[i++]!);
    expect(shuffled.map((q) => q.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
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

  it('moderation on: only approved quotes, in their fixed order, and only from sections with at least k respondents', () => {
    const approved = reordered.map((q, i) => (i % 2 === 0 ? { ...q, status: 'approved' as const } : q));
    const shown = visibleQuotes(closedRound(), approved, sections);
    // Approved: orders 100, 98, 96, 94 — all but 100 from the reflection, which 2 < 3 people submitted.
    expect(approved.filter((q) => q.status === 'approved').map((q) => `${q.order}:${q.section}`)).toEqual(['100:X', '98:reflection', '96:reflection', '94:reflection']);
    expect(shown.map((q) => q.order)).toEqual([100]);
    expect(visibleQuotes(closedRound(), approved, new Map([...sections, ['reflection', 3]])).map((q) => q.order)).toEqual([94, 96, 98, 100]);
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
