import type { RoundSummary } from '../../src/core/summary/model';
import { actionWithVerb, cardText, fillCard, inputsOf, person, TeamsHarness, type Person } from './teams-harness';

/**
 * "Ask each group only what it can judge", on Teams through botbuilder: the coordinator gives the
 * secretariat (support staff) only C and E on the round card; a forged assignment is refused; a
 * secretariat member's DM flow asks the group first and then shows only C and E; a teacher gets
 * all three; the summary's n per statement counts only those who were asked (hand-computed).
 */
const coordinator = person(1, 'Els Van den Broeck');
const teachers = [person(2, 'Lotte Peeters'), person(3, 'Bram Janssens'), person(4, 'Sofie Maes'), person(5, 'Wout Claes'), person(6, 'Fien Goossens')];
const secretariat = [person(7, 'Jonas Wouters'), person(8, 'Ria Smets'), person(9, 'Kris Aerts')];
const everyone: Person[] = [coordinator, ...teachers, ...secretariat];

jest.setTimeout(120_000);

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: everyone, pageSize: 50 });
});
afterAll(async () => {
  await h?.stop();
});

/** Every statement: `value`, except E's first statement, which gets `firstOfE`. */
function answers(card: unknown, value: string, firstOfE = value): Record<string, string> {
  return fillCard(card, (input) => {
    if (input.id === 'E-s1') return firstOfE;
    if (/^[A-E]\d?-s\d+$/.test(input.id)) return value;
    if (/-global$/.test(input.id)) return value;
    return undefined;
  });
}

/** Answers the whole DM flow as a member of `group`; returns the title of every form shown. */
async function answerAs(p: Person, roundId: string, group: string, value: string, firstOfE = value): Promise<{ titles: string[]; progress: string[]; last: string }> {
  let card = (await h.invoke(p, 'start', { roundId }, { replyToId: 'invitation' })).card!;
  const titles: string[] = [];
  const progress: string[] = [];
  for (let guard = 0; guard < 10; guard++) {
    let submit: { data?: Record<string, unknown> };
    try {
      submit = actionWithVerb(card, 'submitSection');
    } catch {
      return { titles, progress, last: cardText(card) };
    }
    const text = cardText(card);
    titles.push(String(submit.data!.section));
    progress.push(text.match(/(Dimensie \d van \d|Jouw groep \(eerste stap\))/)?.[0] ?? '');
    const fields = submit.data!.section === 'group' ? { ...fillCard(card), group } : answers(card, value, firstOfE);
    const answer = await h.invoke(p, 'submitSection', { ...submit.data, ...fields });
    expect(answer.status).toBe(200);
    card = answer.card!;
  }
  throw new Error('the form never ended');
}

test('the secretariat judges only C and E: the round card, the DM flow and the summary follow', async () => {
  await h.installInTeam(coordinator);
  const form = await h.say(coordinator, 'nieuwe ronde', 'channel');
  // One multi-select per group, each starting with every dimension.
  const groupInputs = inputsOf(form).filter((i) => String(i.id).startsWith('groupDimensions.'));
  expect(groupInputs.map((i) => i.id)).toEqual(['groupDimensions.teacher', 'groupDimensions.leadership', 'groupDimensions.care-team', 'groupDimensions.support-staff']);
  expect(groupInputs.every((i) => i.isMultiSelect === true && String(i.value).split(',').length === 7)).toBe(true);
  expect(cardText(form)).toContain('Welke groep beoordeelt welke dimensies? (optioneel)');
  const create = actionWithVerb(form, 'createRound');
  const filled = fillCard(form, (input) => (input.id === 'dimensionIds' ? 'A1,C,E' : input.id === 'title' ? 'Bevraging per groep' : input.id === 'includeReflection' ? 'false' : undefined));

  // Forged payloads are refused on the form, nothing is created.
  const forged = await h.invoke(coordinator, 'createRound', { ...create.data, ...filled, 'groupDimensions.__proto__': 'C' }, { replyToId: 'form-forged-1' });
  expect(cardText(forged.card)).toContain('onbekende groep');
  const unknownDimension = await h.invoke(coordinator, 'createRound', { ...create.data, ...filled, 'groupDimensions.support-staff': 'C,Z9' }, { replyToId: 'form-forged-2' });
  expect(cardText(unknownDimension.card)).toContain('onbekende dimensie Z9');
  // A group's multi-select cleared: the client leaves the input out of the data altogether.
  const cleared = fillCard(form, (input) => (input.id === 'groupDimensions.support-staff' ? '' : (filled[input.id] ?? input.value)));
  expect(cleared).not.toHaveProperty(['groupDimensions.support-staff']);
  const none = await h.invoke(coordinator, 'createRound', { ...create.data, ...cleared }, { replyToId: 'form-forged-3' });
  expect(cardText(none.card)).toContain('de groep “Ondersteunend personeel” krijgt geen enkele dimensie');
  expect(await h.repos.rounds.listByTenant('teams:tenant-0001')).toHaveLength(0);
  expect(({} as Record<string, unknown>).C).toBeUndefined();

  const created = await h.invoke(coordinator, 'createRound', { ...create.data, ...filled, 'groupDimensions.support-staff': 'C,E' }, { replyToId: 'form-ok' });
  expect(cardText(created.card)).toContain('Bevraging gepland: Bevraging per groep');
  const [round] = await h.repos.rounds.listByTenant('teams:tenant-0001');
  expect(round!.groupDimensions!.find((g) => g.group === 'support-staff')!.dimensionIds).toEqual(['C', 'E']);
  expect(round!.groupDimensions!.find((g) => g.group === 'teacher')!.dimensionIds).toEqual(['A1', 'C', 'E']);
  await h.runJobs();
  const invitation = cardText(h.connector.lastCard(h.dmOf(secretariat[0]!)));
  expect(invitation).toContain('die jouw groep kan beoordelen (hoogstens 3)');
  expect(invitation).toContain('hoogstens ongeveer');

  // A secretariat member: the group first, then only C and E.
  const office = await answerAs(secretariat[0]!, round!.id, 'support-staff', '2', 'no_view');
  expect(office.titles).toEqual(['group', 'C', 'E']);
  expect(office.progress).toEqual(['Jouw groep (eerste stap)', 'Dimensie 1 van 2', 'Dimensie 2 van 2']);
  expect(office.last).toContain('Bedankt!');
  // A forged submission of A1 is refused, and A1 cannot be opened.
  const forgedA1 = await h.invoke(secretariat[0]!, 'submitSection', { roundId: round!.id, section: 'A1', 'A1-s1': '1' });
  expect(cardText(forgedA1.card)).toContain('Dit onderdeel hoort niet bij deze bevraging.');
  const openA1 = await h.invoke(secretariat[0]!, 'openSection', { roundId: round!.id, section: 'A1' });
  expect(cardText(openA1.card)).toContain('Dit onderdeel hoort niet bij deze bevraging.');
  for (const p of secretariat.slice(1)) expect((await answerAs(p, round!.id, 'support-staff', '2', 'no_view')).titles).toEqual(['group', 'C', 'E']);

  // Teachers get all three.
  const teacher = await answerAs(teachers[0]!, round!.id, 'teacher', '4');
  expect(teacher.titles).toEqual(['group', 'A1', 'C', 'E']);
  expect(teacher.progress).toEqual(['Jouw groep (eerste stap)', 'Dimensie 1 van 3', 'Dimensie 2 van 3', 'Dimensie 3 van 3']);
  for (const p of teachers.slice(1)) await answerAs(p, round!.id, 'teacher', '4');
  expect((await h.repos.responses.count(round!.id)).completed).toBe(8);

  // Close; the summary counts per statement only those asked (k = 5):
  //   A1: 5 teachers (the secretariat was not asked) → n 5, mean 4;
  //   C: 5 teachers (4) + 3 secretariat (2) → n 8, mean 3.25;
  //   E-s1: 5 teachers (4) + 3 "geen zicht" → n 5, mean 4, 3 of 8 no view;  E-s2: n 8, mean 3.25.
  const confirm = await h.say(coordinator, 'sluit');
  await h.invoke(coordinator, 'close', actionWithVerb(confirm, 'close').data!);
  await h.runJobs();
  const summary = (await h.repos.summaries.get(round!.id))!.summary as unknown as RoundSummary;
  const stat = (dim: string, i: number) => {
    const s = summary.dimensions.find((d) => d.dimensionId === dim)!.statements[i]!;
    return s.figure.status === 'shown' ? { n: s.figure.n, mean: s.figure.mean, noView: s.noView?.noView } : { withheld: s.figure.reason };
  };
  expect(stat('A1', 0)).toEqual({ n: 5, mean: 4, noView: 0 });
  expect(stat('C', 0)).toEqual({ n: 8, mean: 3.25, noView: 0 });
  expect(stat('E', 0)).toEqual({ n: 5, mean: 4, noView: 3 });
  expect(stat('E', 1)).toEqual({ n: 8, mean: 3.25, noView: 0 });
  expect(summary.dimensions.find((d) => d.dimensionId === 'A1')!.askedGroups!.map((g) => g.nl)).toEqual(['Leraar', 'Beleidsteam', 'Zorgteam']);
  expect(summary.dimensions.find((d) => d.dimensionId === 'C')!.askedGroups).toBeUndefined();
  h.seeConnectorCards();
});
