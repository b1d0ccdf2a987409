import { sampleRound } from '../store/fixtures';
import { actionsOf, actionWithVerb, answerSection, cardText, fillCard, MS_TENANT, person, TEAM_ID, TeamsHarness, type Person, type TeamRef } from './teams-harness';

/**
 * Two schools of one school group in one Microsoft 365 tenant: each team the app is added to is
 * its own school, with its own coordinator, team channel and anonymity threshold. Both run rounds
 * at the same time, fully isolated, a teacher on both campuses gets two invitations named after
 * their school, and each school's trend compares with its own previous round.
 */
const NOORD: TeamRef = { id: TEAM_ID, name: 'Campus Noord' };
const ZUID: TeamRef = { id: '19:team-zuid@thread.tacv2', name: 'Campus Zuid' };
const SCHOOL_NOORD = `teams:${MS_TENANT}`;
const SCHOOL_ZUID = `teams:${MS_TENANT}:${ZUID.id}`;

const els = person(1, 'Els Van den Broeck');
const pieter = person(2, 'Pieter De Smet');
const lotte = person(3, 'Lotte Peeters');
const noordStaff = [lotte, person(4, 'Bram Janssens'), person(5, 'Sofie Maes'), person(6, 'Wout Claes'), person(7, 'Fien Goossens')];
const zuidStaff = [lotte, person(8, 'Jonas Wouters'), person(9, 'Nina Hermans')];

let h: TeamsHarness;
beforeAll(async () => {
  h = await TeamsHarness.start({ members: [els, ...noordStaff], pageSize: 50 });
  h.connector.addTeam(ZUID.id, [pieter, ...zuidStaff], [{ id: ZUID.id }, { id: '19:zuid-zorg@thread.tacv2', name: 'Zorg Zuid' }]);
});
afterAll(async () => {
  await h?.stop();
});

async function answerEverything(p: Person, roundId: string, seed: number): Promise<void> {
  let card = (await h.invoke(p, 'start', { roundId })).card!;
  for (let guard = 0; guard < 20; guard++) {
    const submit = actionsOf(card).find((a) => a.verb === 'submitSection');
    if (!submit) return;
    const answer = await h.invoke(p, 'submitSection', { ...submit.data, ...answerSection(card, seed) });
    expect(answer.status).toBe(200);
    card = answer.card!;
  }
  throw new Error('the form never ended');
}

/** A short round (A1, quick, no reflection) planned from a round form card. */
async function plan(coordinator: Person, form: Record<string, unknown>, title: string, opts: { team?: TeamRef; where: 'channel' | 'personal' }): Promise<void> {
  const create = actionWithVerb(form, 'createRound');
  const choices = fillCard(form, (input) =>
    input.id === 'dimensionIds' ? 'A1' : input.id === 'title' ? title : input.id === 'depth' ? 'quick' : input.id === 'includeReflection' ? 'false' : undefined,
  );
  const created = await h.invoke(coordinator, 'createRound', { ...create.data, ...choices }, { where: opts.where, team: opts.team, replyToId: `form-${title}` });
  expect(cardText(created.card)).toContain(`Bevraging gepland: ${title}`);
}

async function roundOf(school: string, title: string) {
  const round = (await h.repos.rounds.listByTenant(school)).find((r) => r.title === title);
  if (!round) throw new Error(`no round ${title} in ${school}`);
  return round;
}

async function closeAndPublish(coordinator: Person, roundId: string): Promise<void> {
  expect(cardText((await h.invoke(coordinator, 'close', { roundId, confirmed: true })).card)).toContain('wordt nu afgesloten');
  await h.runJobs();
  // The confirmation names the unscreened answers (#13); its publish button confirms that number.
  const confirm = (await h.invoke(coordinator, 'publish', { roundId })).card!;
  expect(cardText(confirm)).not.toContain('Alleen coördinatoren');
  expect(cardText((await h.invoke(coordinator, 'publish', actionWithVerb(confirm, 'publish').data!)).card)).not.toContain('Alleen coördinatoren');
  await h.runJobs();
  expect((await h.repos.rounds.get(roundId))!.state).toBe('published');
}

test('two teams in one Microsoft tenant are two schools, side by side and fully isolated', async () => {
  // Each campus adds the app to its own team; whoever adds it coordinates that school.
  await h.installInTeam(els, 'nl-BE', NOORD);
  await h.installInTeam(pieter, 'nl-BE', ZUID);
  const noord = (await h.repos.tenants.get(SCHOOL_NOORD))!;
  const zuid = (await h.repos.tenants.get(SCHOOL_ZUID))!;
  expect(noord).toMatchObject({ externalId: MS_TENANT, schoolKey: NOORD.id, name: 'Campus Noord', settings: { coordinators: [els.aadObjectId], teamChannel: { id: NOORD.id } } });
  expect(zuid).toMatchObject({ externalId: MS_TENANT, schoolKey: ZUID.id, name: 'Campus Zuid', settings: { coordinators: [pieter.aadObjectId], teamChannel: { id: ZUID.id } } });
  expect(h.connector.cards(ZUID.id)).toHaveLength(1);

  // Zuid is a small campus: its coordinator sets k = 3 for Zuid only.
  const settings = await h.say(pieter, 'instellingen', 'channel', 'nl-BE', ZUID);
  const channels = fillCard(settings).teamChannel;
  expect(cardText(settings)).not.toContain('Campus Noord');
  const saved = await h.invoke(pieter, 'saveSettings', { ...actionWithVerb(settings, 'saveSettings').data, ...fillCard(settings, (i) => (i.id === 'anonymityThreshold' ? '3' : undefined)) }, { where: 'channel', team: ZUID });
  expect(cardText(saved.card)).not.toContain('Alleen coördinatoren');
  expect((await h.repos.tenants.get(SCHOOL_ZUID))!.settings.anonymityThreshold).toBe(3);
  expect((await h.repos.tenants.get(SCHOOL_NOORD))!.settings.anonymityThreshold).toBe(5);
  expect(channels).toBe(ZUID.id);

  // Zuid's coordinator cannot steer Noord: not in its channel, not with Noord's id on a card,
  // and not by pointing Zuid's summaries at Noord's channel.
  expect(cardText(await h.say(pieter, 'instellingen', 'channel', 'nl-BE', NOORD))).toContain('Alleen coördinatoren kunnen dit doen. Coördinatoren: Els Van den Broeck.');
  // A Zuid colleague asking in a personal chat hears who Zuid's coordinators are.
  expect(cardText(await h.say(zuidStaff[1]!, 'status'))).toContain('Coördinatoren: Pieter De Smet.');
  const forged = await h.invoke(pieter, 'saveSettings', { schoolId: SCHOOL_NOORD, anonymityThreshold: '3' });
  expect(cardText(forged.card)).toContain('Alleen coördinatoren');
  await h.invoke(pieter, 'saveSettings', { teamChannel: NOORD.id }, { where: 'channel', team: ZUID });
  expect((await h.repos.tenants.get(SCHOOL_ZUID))!.settings.teamChannel?.id).toBe(ZUID.id);
  expect((await h.repos.tenants.get(SCHOOL_NOORD))!.settings.anonymityThreshold).toBe(5);

  // Both schools plan a round at the same time, each in its own channel for its own team.
  const noordForm = await h.say(els, 'nieuwe ronde', 'channel', 'nl-BE', NOORD);
  expect(cardText(noordForm)).toContain('Campus Noord');
  expect(cardText(noordForm)).not.toContain('Campus Zuid');
  await plan(els, noordForm, 'Noord 1', { where: 'channel', team: NOORD });
  await plan(pieter, await h.say(pieter, 'nieuwe ronde', 'channel', 'nl-BE', ZUID), 'Zuid 1', { where: 'channel', team: ZUID });
  const noord1 = await roundOf(SCHOOL_NOORD, 'Noord 1');
  const zuid1 = await roundOf(SCHOOL_ZUID, 'Zuid 1');
  expect(noord1).toMatchObject({ anonymityThreshold: 5, audience: { id: NOORD.id } });
  expect(zuid1).toMatchObject({ anonymityThreshold: 3, audience: { id: ZUID.id } });
  await h.runJobs();

  // Lotte teaches on both campuses: two invitations, each named after its school.
  const lotteCards = h.connector.cards(h.dmOf(lotte)).map((c) => cardText(c.card));
  expect(lotteCards.some((text) => text.includes('Noord 1 — Campus Noord'))).toBe(true);
  expect(lotteCards.some((text) => text.includes('Zuid 1 — Campus Zuid'))).toBe(true);
  expect((await h.repos.participations.countByStatus(zuid1.id)).delivered).toBe(4);
  expect((await h.repos.participations.countByStatus(noord1.id)).delivered).toBe(6);

  // Isolation while both run: Pieter sees only Zuid, and cannot close or remind Noord's round.
  const pieterStatus = cardText(await h.say(pieter, 'status'));
  expect(pieterStatus).toContain('Zuid 1');
  expect(pieterStatus).not.toContain('Noord 1');
  expect(cardText((await h.invoke(pieter, 'close', { roundId: noord1.id, confirmed: true })).card)).toContain('Alleen coördinatoren');
  expect(cardText((await h.invoke(pieter, 'remind', { roundId: noord1.id }, { where: 'channel', team: ZUID })).card)).toContain('Alleen coördinatoren');
  // A card from another Microsoft tenant naming Noord's school and round reaches neither.
  const foreign = await h.invoke(els, 'close', { roundId: noord1.id, schoolId: SCHOOL_NOORD, confirmed: true }, { msTenant: 'tenant-9999' });
  // That tenant has no coordinator at all, so the refusal says so (rather than naming coordinators).
  expect(cardText(foreign.card)).toContain('Zorgspiegel heeft nog geen coördinator');
  expect((await h.repos.rounds.get(noord1.id))!.state).toBe('open');

  // Everyone answers; Lotte answers both, each under its own school.
  for (const [i, p] of noordStaff.entries()) await answerEverything(p, noord1.id, i);
  for (const [i, p] of zuidStaff.entries()) await answerEverything(p, zuid1.id, i + 2);
  expect((await h.repos.responses.count(noord1.id)).completed).toBe(5);
  expect((await h.repos.responses.count(zuid1.id)).completed).toBe(3);

  // Each publishes to its own channel only; Zuid shows figures from 3 colleagues (its k).
  await closeAndPublish(els, noord1.id);
  await closeAndPublish(pieter, zuid1.id);
  const noordSummary = cardText(h.connector.lastCard(NOORD.id));
  const zuidSummary = cardText(h.connector.lastCard(ZUID.id));
  expect(noordSummary).toContain('Resultaten: Noord 1');
  expect(zuidSummary).toContain('Resultaten: Zuid 1');
  expect(h.connector.cards(ZUID.id).some((c) => cardText(c.card).includes('Noord 1'))).toBe(false);
  expect(h.connector.cards(NOORD.id).some((c) => cardText(c.card).includes('Zuid 1'))).toBe(false);
  expect(zuidSummary).toContain('3 van de 4 uitgenodigde');
  expect(zuidSummary).not.toContain('te weinig');

  // Pieter makes Els a coordinator of Zuid too. From her personal chat she now chooses the
  // school before planning; the form and its submit stay with the school she chose.
  const zuidSettings = await h.say(pieter, 'instellingen', 'channel', 'nl-BE', ZUID);
  await h.invoke(pieter, 'saveSettings', { ...fillCard(zuidSettings), coordinators: `${pieter.aadObjectId},${els.aadObjectId}` }, { where: 'channel', team: ZUID });
  const choose = await h.say(els, 'nieuwe ronde');
  expect(cardText(choose)).toContain('Voor welke school?');
  const buttons = actionsOf(choose).filter((a) => a.verb === 'newRound');
  expect(buttons.map((b) => b.title).sort()).toEqual(['Campus Noord', 'Campus Zuid']);
  const zuidButton = buttons.find((b) => b.title === 'Campus Zuid')!;
  const zuidForm = (await h.invoke(els, 'newRound', zuidButton.data!)).card!;
  expect(cardText(zuidForm)).toContain('Campus Zuid');
  expect(cardText(zuidForm)).not.toContain('Campus Noord');
  expect(actionWithVerb(zuidForm, 'createRound').data).toMatchObject({ schoolId: SCHOOL_ZUID });

  // Second rounds, again at the same time: Zuid's planned by Els from her personal chat.
  await plan(els, zuidForm, 'Zuid 2', { where: 'personal' });
  await plan(els, await h.say(els, 'nieuwe ronde', 'channel', 'nl-BE', NOORD), 'Noord 2', { where: 'channel', team: NOORD });
  const noord2 = await roundOf(SCHOOL_NOORD, 'Noord 2');
  const zuid2 = await roundOf(SCHOOL_ZUID, 'Zuid 2');
  expect(zuid2.anonymityThreshold).toBe(3);
  await h.runJobs();
  for (const [i, p] of noordStaff.entries()) await answerEverything(p, noord2.id, i + 1);
  for (const [i, p] of zuidStaff.entries()) await answerEverything(p, zuid2.id, i);
  await closeAndPublish(els, noord2.id);
  await closeAndPublish(pieter, zuid2.id);

  // Each school's trend compares with its own previous round, not with whoever published last.
  const noordTrend = cardText(h.connector.lastCard(NOORD.id));
  const zuidTrend = cardText(h.connector.lastCard(ZUID.id));
  expect(noordTrend).toContain('Resultaten: Noord 2');
  expect(noordTrend).toContain('Vergeleken met "Noord 1"');
  expect(zuidTrend).toContain('Resultaten: Zuid 2');
  expect(zuidTrend).toContain('Vergeleken met "Zuid 1"');

  h.seeConnectorCards();
}, 300_000);

test('a Microsoft tenant that used Zorgspiegel before schools existed keeps its school; a team added later gets its own', async () => {
  const LEGACY_TENANT = 'tenant-legacy';
  const OLD: TeamRef = { id: '19:team-oud@thread.tacv2', name: 'Oud Campus' };
  const NEW: TeamRef = { id: '19:team-nieuw@thread.tacv2', name: 'Nieuwe Campus' };
  const now = h.clock.now();
  // As the previous release left it: a v2 tenant for the whole Microsoft tenant, its team, a round.
  await h.db.db.collection('tenants').insertOne({
    _id: `teams:${LEGACY_TENANT}` as never,
    platform: 'teams',
    externalId: LEGACY_TENANT,
    settings: { coordinators: [els.aadObjectId], language: 'nl', anonymityThreshold: 5, timeZone: 'Europe/Brussels', quietHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] }, teamChannel: { id: OLD.id, name: 'Oud Campus › Algemeen' } },
    createdAt: now,
    updatedAt: now,
    schemaVersion: 2,
  });
  await h.repos.installations.save('teams', `team:${OLD.id}`, {
    kind: 'team', tenantId: `teams:${LEGACY_TENANT}`, msTenantId: LEGACY_TENANT, teamId: OLD.id, name: OLD.name, serviceUrl: h.connector.url, botId: '28:zorgspiegel-bot',
    channels: [{ id: OLD.id }], members: [els, lotte].map((p) => ({ platformUserId: p.aadObjectId, id: p.id, aadObjectId: p.aadObjectId, name: p.name })),
    rosterUpdatedAt: now.toISOString(), installedBy: els.aadObjectId, installedAt: now.toISOString(), welcomedAt: now.toISOString(),
  }, now);
  await h.repos.rounds.insert(sampleRound({ id: 'legacy-round', tenantId: `teams:${LEGACY_TENANT}`, title: 'Vorig schooljaar', state: 'published', publishedAt: now }));
  h.connector.addTeam(OLD.id, [els, lotte]);
  h.connector.addTeam(NEW.id, [pieter, lotte]);

  // The old team's coordinator still sees her round, under the same school, now named after her team.
  expect(cardText(await h.say(els, 'status', 'channel', 'nl-BE', OLD, LEGACY_TENANT))).toContain('Vorig schooljaar');
  expect(await h.repos.tenants.get(`teams:${LEGACY_TENANT}`)).toMatchObject({ name: 'Oud Campus', settings: { coordinators: [els.aadObjectId] } });

  // A team added now becomes a school of its own, coordinated by whoever added it.
  await h.installInTeam(pieter, 'nl-BE', NEW, LEGACY_TENANT);
  expect(await h.repos.tenants.get(`teams:${LEGACY_TENANT}:${NEW.id}`)).toMatchObject({ schoolKey: NEW.id, name: 'Nieuwe Campus', settings: { coordinators: [pieter.aadObjectId], teamChannel: { id: NEW.id } } });
  expect((await h.repos.tenants.get(`teams:${LEGACY_TENANT}`))!.settings.coordinators).toEqual([els.aadObjectId]);
  const pieterStatus = cardText(await h.say(pieter, 'status', 'channel', 'nl-BE', NEW, LEGACY_TENANT));
  expect(pieterStatus).not.toContain('Vorig schooljaar');
  expect(cardText(await h.say(pieter, 'status', 'channel', 'nl-BE', OLD, LEGACY_TENANT))).toContain('Alleen coördinatoren');
}, 120_000);
