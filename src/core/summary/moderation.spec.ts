import { SurveyError } from '../errors';
import type { Quote } from '../ports';
import { buildSummary } from './build-summary';
import { approveQuote, editQuote, hideQuote, pendingQuotes, tagQuote } from './moderation';
import { extractQuotes } from './quotes';
import { MemoryQuoteRepository } from './__fixtures__/memory-quotes';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from './__fixtures__/summary-fixture';

const LATER = new Date(FIXTURE_NOW.getTime() + 3_600_000);

async function setup() {
  const round = closedRound();
  const repo = new MemoryQuoteRepository();
  let rank = 0;
  await repo.insertMany(extractQuotes(round, mainResponses(), FIXTURE_NOW, () => ++rank));
  const all = await repo.listByRound(round.id);
  const find = (start: string): Quote => all.find((q) => q.text.startsWith(start))!;
  return { round, repo, find };
}

async function expectError(p: Promise<unknown>, code: string, field?: string) {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SurveyError);
  expect((err as SurveyError).code).toBe(code);
  if (field !== undefined) expect((err as SurveyError).field).toBe(field);
}

describe('moderation', () => {
  it('approve, edit and hide are reflected in the summary', async () => {
    const { round, repo, find } = await setup();
    await approveQuote(repo, round, find('Heldere afspraken').id, LATER);
    const edited = await editQuote(repo, round, find('Jan van het zorgteam').id, '  Iemand van het zorgteam luistert niet.\r\n', LATER);
    expect(edited).toMatchObject({ status: 'approved', text: 'Jan van het zorgteam luistert niet.', editedText: 'Iemand van het zorgteam luistert niet.', updatedAt: LATER });
    await hideQuote(repo, round, find('Meer tijd').id, LATER);
    await approveQuote(repo, round, find('Te weinig uren').id, LATER);
    await approveQuote(repo, round, find('Loopbaangesprekken').id, LATER);

    const s = buildSummary({ round, responses: mainResponses(), progress: MAIN_PROGRESS, quotes: await repo.listByRound(round.id), now: LATER });
    const x = s.dimensions.find((d) => d.dimensionId === 'X')!;
    expect(x.quotes).toEqual({ strengths: ['Heldere afspraken over de basiszorg.'], priorities: ['Iemand van het zorgteam luistert niet.'], practices: [] });
    // Y-strengths is still pending → not shown.
    expect(s.dimensions.find((d) => d.dimensionId === 'Y')!.quotes).toEqual({ strengths: [], priorities: [], practices: [] });
    expect(s.reflection!.questions.map((q) => [q.questionId, q.quotes])).toEqual([
      ['R1', []],
      ['R2', ['Te weinig uren voor zorg.']],
    ]);
    expect(s.reflection!.roleGrid!.domains).toEqual([
      {
        domainId: 'career',
        label: { nl: 'Onderwijsloopbaan', en: 'Career' },
        roles: [{ roleId: 'mine', label: { nl: 'Mijn rol', en: 'My role' }, texts: ['Loopbaangesprekken met mijn klas.'] }],
      },
    ]);
    // The original wording with the name never reaches the summary.
    expect(JSON.stringify(s)).not.toContain('Jan van');
    expect(JSON.stringify(s)).not.toContain('Meer tijd voor overleg');
  });

  it('lists pending quotes in their fixed order, without the moderated ones', async () => {
    const { round, repo, find } = await setup();
    await approveQuote(repo, round, find('Heldere afspraken').id, LATER);
    await hideQuote(repo, round, find('Meer tijd').id, LATER);
    const pending = await pendingQuotes(repo, round.id);
    // Ranks 1..8 in extraction order; ranks 1 (approved) and 6 (hidden) are gone.
    expect(pending.map((q) => q.order)).toEqual([2, 3, 4, 5, 7, 8]);
  });

  it('tags quotes with known themes and counts them in the summary (visible quotes only)', async () => {
    const { round, repo, find } = await setup();
    const a = find('Heldere afspraken').id;
    const b = find('Jan van het zorgteam').id;
    const c = find('Meer tijd').id;
    await approveQuote(repo, round, a, LATER);
    await editQuote(repo, round, b, 'Het zorgteam luistert niet.', LATER);
    await tagQuote(repo, round, a, ['clear-organisation'], LATER);
    const tagged = await tagQuote(repo, round, b, ['too-few-resources', 'clear-organisation', 'too-few-resources'], LATER);
    expect(tagged.themes).toEqual(['too-few-resources', 'clear-organisation']);
    // Tagged but hidden: not counted.
    await tagQuote(repo, round, c, ['administrative-burden'], LATER);
    await hideQuote(repo, round, c, LATER);

    const s = buildSummary({ round, responses: mainResponses(), progress: MAIN_PROGRESS, quotes: await repo.listByRound(round.id), now: LATER });
    // clear-organisation: a and b → 2; too-few-resources: b → 1.
    expect(s.themes).toEqual([
      { themeId: 'clear-organisation', kind: 'success', label: { nl: 'Duidelijke organisatie', en: 'Clear organisation' }, count: 2 },
      { themeId: 'too-few-resources', kind: 'barrier', label: { nl: 'Te weinig middelen (uren, tijd, omkadering)', en: 'Too few resources (hours, time, staffing)' }, count: 1 },
    ]);
  });

  it('refuses an unknown theme', async () => {
    const { round, repo, find } = await setup();
    await expectError(tagQuote(repo, round, find('Heldere afspraken').id, ['clear-organisation', 'gossip'], LATER), 'unknown_theme', 'themes');
    expect((await repo.get(find('Heldere afspraken').id))!.themes).toEqual([]);
  });

  it('refuses an empty or too long edit', async () => {
    const { round, repo, find } = await setup();
    await expectError(editQuote(repo, round, find('Heldere afspraken').id, '   \n ', LATER), 'required', 'text');
    await expectError(editQuote(repo, round, find('Heldere afspraken').id, 'x'.repeat(2001), LATER), 'text_too_long', 'text');
    expect((await repo.get(find('Heldere afspraken').id))!.status).toBe('pending');
  });

  it('refuses every change once the summary is published', async () => {
    const { round, repo, find } = await setup();
    const published = { ...round, state: 'published' as const };
    const id = find('Heldere afspraken').id;
    await expectError(approveQuote(repo, published, id, LATER), 'summary_published');
    await expectError(editQuote(repo, published, id, 'Nieuw.', LATER), 'summary_published');
    await expectError(hideQuote(repo, published, id, LATER), 'summary_published');
    await expectError(tagQuote(repo, published, id, ['engagement'], LATER), 'summary_published');
    expect(await repo.get(id)).toMatchObject({ status: 'pending', themes: [], updatedAt: FIXTURE_NOW });
  });

  it("refuses an unknown quote or another round's quote", async () => {
    const { round, repo, find } = await setup();
    await expectError(approveQuote(repo, round, 'no-such-quote', LATER), 'quote_not_found');
    await expectError(hideQuote(repo, { ...round, id: 'round-other' }, find('Heldere afspraken').id, LATER), 'quote_not_found');
  });
});
