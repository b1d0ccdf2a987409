import { SurveyError } from '../core/errors';
import { progressFromCounts } from '../core/participation';
import type { Actor, Services } from '../core/services';
import { defaultTenantSettings } from '../core/tenant';
import { makeRound, tinyQuestionnaire } from '../core/testing/fixtures';
import { buildReview } from '../core/views/review';
import { buildRoundStatus } from '../core/views/round-status';
import { buildSectionForm } from '../core/views/section-form';
import { createLogger } from '../log';
import { runCardAction, type CardActionDeps } from './card-actions';

const NO_PROGRESS = progressFromCounts({}, { started: 0, completed: 0 });

const round = makeRound();
const actor: Actor = {
  tenant: { id: 'teams:t', platform: 'teams', externalId: 't', settings: defaultTenantSettings({ coordinators: ['coord'] }), createdAt: new Date(), updatedAt: new Date() },
  platformUserId: 'coord',
  lang: 'nl',
};

function deps(overrides: { respondents?: Record<string, unknown>; coordinators?: Record<string, unknown> } = {}): CardActionDeps & { logged: unknown[] } {
  const logged: unknown[] = [];
  const logger = createLogger('silent');
  logger.error = ((obj: unknown) => void logged.push(obj)) as typeof logger.error;
  return {
    logged,
    services: {
      respondents: { ...overrides.respondents },
      coordinators: { assertCoordinator: () => undefined, listRounds: async () => [round], status: async () => [buildRoundStatus(round, NO_PROGRESS, [], 'nl', 'Europe/Brussels')], ...overrides.coordinators },
      tenants: {},
    } as unknown as Services,
    questionnaire: tinyQuestionnaire(),
    clock: { now: () => new Date('2026-03-03T09:00:00Z') },
    logger,
    audiences: async () => [{ kind: 'team', id: '19:t', name: 'Leraren', size: 7 }],
    settingsOptions: async () => ({ channels: [{ id: 'c1', name: 'Leraren › Algemeen' }], people: [] }),
    displayName: (_t, id) => id,
  };
}
const text = (result: unknown) => JSON.stringify(result);

test('a submit passes only the form fields to the core and shows the next card with "saved"', async () => {
  const submitSection = jest.fn(async () => ({ ok: true, next: { kind: 'form', view: buildSectionForm(round, 'Y', 'nl') } }));
  const result = await runCardAction(deps({ respondents: { submitSection } }), actor, 'submitSection', { roundId: 'r1', section: 'X', 'X-s1': '4', 'X-strengths': 'goed' });
  expect(submitSection).toHaveBeenCalledWith(actor, 'r1', 'X', { 'X-s1': '4', 'X-strengths': 'goed' });
  expect(result.kind).toBe('card');
  expect(text(result)).toContain('Bewaard.');
  expect(text(result)).toContain('Dimensie 2 van 2');
});

test('a refused submit shows the same form with the errors; the last section leads to the review', async () => {
  const form = buildSectionForm(round, 'X', 'nl', { errors: [new SurveyError('required', {}, 'X-s2')] });
  expect(text(await runCardAction(deps({ respondents: { submitSection: async () => ({ ok: false, form }) } }), actor, 'submitSection', {}))).toContain('Geef hier een antwoord.');
  const review = buildReview(round, 'nl', 'Europe/Brussels', ['X', 'Y', 'reflection']);
  expect(text(await runCardAction(deps({ respondents: { submitSection: async () => ({ ok: true, next: { kind: 'review', view: review } }) } }), actor, 'submitSection', {}))).toContain('Bedankt!');
});

test('the database being away leaves the card alone and says so; a bug is logged and says something went wrong', async () => {
  const away = await runCardAction(deps({ respondents: { submitSection: async () => Promise.reject(new SurveyError('store_unavailable')) } }), actor, 'submitSection', {});
  expect(away).toEqual({ kind: 'error', message: 'Je antwoord kon niet worden bewaard. Probeer het zo meteen opnieuw.' });
  const d = deps({ respondents: { startOrContinue: async () => Promise.reject(new TypeError('boom')) } });
  expect(await runCardAction(d, actor, 'start', { roundId: 'r' })).toEqual({ kind: 'error', message: 'Er ging iets mis; er is niets veranderd. Probeer het zo meteen opnieuw.' });
  expect(d.logged).toHaveLength(1);
});

test('refusals from the core are cards in the person\'s language', async () => {
  const closed = await runCardAction(deps({ respondents: { startOrContinue: async () => Promise.reject(new SurveyError('round_closed')) } }), { ...actor, lang: 'en' }, 'start', { roundId: 'r' });
  expect(text(closed)).toContain('This survey is closed');
  const notCoordinator = deps({ coordinators: { assertCoordinator: () => { throw new SurveyError('not_coordinator', { coordinators: 'Els' }); } } });
  expect(text(await runCardAction(notCoordinator, actor, 'newRound', {}))).toContain('Coördinatoren: Els.');
  expect(text(await runCardAction(deps(), actor, 'selfDestruct', {}))).toContain('Deze knop werkt niet meer');
});

test('closing asks first, then closes; without a round to close it says so', async () => {
  const closeNow = jest.fn(async () => undefined);
  const d = deps({ coordinators: { closeNow } });
  const ask = await runCardAction(d, actor, 'close', {});
  expect(text(ask)).toContain('nu afsluiten?');
  expect(text(ask)).toContain(`"data":{"roundId":"${round.id}","confirmed":true}`);
  expect(closeNow).not.toHaveBeenCalled();
  expect(text(await runCardAction(d, actor, 'close', { roundId: round.id, confirmed: true }))).toContain('wordt nu afgesloten');
  expect(closeNow).toHaveBeenCalledWith(actor, round.id);
  const none = deps({ coordinators: { listRounds: async () => [{ ...round, state: 'published' }] } });
  expect(text(await runCardAction(none, actor, 'close', {}))).toContain('Er is geen open bevraging om af te sluiten.');
});

test('the close and publish questions say what happens to this round: screened, published at once, or waiting for a channel', async () => {
  const ask = async (verb: 'close' | 'publish', r: typeof round, hasTeamChannel: boolean) =>
    text(await runCardAction(deps({ coordinators: { status: async () => [buildRoundStatus(r, NO_PROGRESS, [], 'nl', 'Europe/Brussels', { hasTeamChannel })], unscreenedCount: async () => 0 } }), actor, verb, { roundId: r.id }));
  const screened = makeRound({ moderation: true });
  const unscreened = makeRound({ moderation: false });
  expect(await ask('close', screened, true)).toContain('daarna kan je de open antwoorden nalezen en publiceren');
  const publishedAtOnce = await ask('close', unscreened, true);
  expect(publishedAtOnce).toContain('verschijnt meteen in het teamkanaal');
  expect(publishedAtOnce).not.toContain('nalezen en publiceren');
  expect(await ask('close', unscreened, false)).toContain('Er is nog geen teamkanaal ingesteld');
  expect(await ask('publish', screened, true)).toContain('met alleen de goedgekeurde open antwoorden');
  const notHidden = await ask('publish', unscreened, true);
  expect(notHidden).not.toContain('goedgekeurde');
  expect(notHidden).toContain('behalve wat je verborg');
});

test('moderation reads the edited text and the themes of the quote that was acted on', async () => {
  const moderateQuote = jest.fn(async () => ({}));
  const moderation = async () => ({ roundId: round.id, title: 'N', intro: 'I', pending: 0, quotes: [], themeOptions: [], labels: { approve: 'a', hide: 'h', edit: 'e', tag: 't', publish: 'p', success: 's', barrier: 'b' } });
  const d = deps({ coordinators: { moderateQuote, moderation } });
  await runCardAction(d, actor, 'moderateQuote', { roundId: 'r', quoteId: 'q1', action: 'edit', 'edit.q1': 'Zonder naam', 'edit.q2': 'niet deze' });
  await runCardAction(d, actor, 'moderateQuote', { roundId: 'r', quoteId: 'q1', action: 'tag', 'themes.q1': 'a,b' });
  await runCardAction(d, actor, 'moderateQuote', { roundId: 'r', quoteId: 'q1', action: 'hide' });
  expect(moderateQuote.mock.calls).toEqual([
    [actor, 'r', 'q1', { type: 'edit', text: 'Zonder naam' }],
    [actor, 'r', 'q1', { type: 'tag', themes: ['a', 'b'] }],
    [actor, 'r', 'q1', { type: 'hide' }],
  ]);
});

test('settings: the patch is what the card says, a field error comes back on the card', async () => {
  const updateSettings = jest.fn(async () => actor.tenant);
  await runCardAction(deps({ coordinators: { updateSettings } }), actor, 'saveSettings', { teamChannel: 'c1', coordinators: 'coord,u2', language: 'en', anonymityThreshold: '6' });
  expect(updateSettings).toHaveBeenCalledWith(actor, { teamChannel: { id: 'c1', name: 'Leraren › Algemeen' }, coordinators: ['coord', 'u2'], language: 'en', anonymityThreshold: 6 });
  const tooLow = deps({ coordinators: { updateSettings: async () => Promise.reject(new SurveyError('threshold_too_low', { min: 3 }, 'anonymityThreshold')) } });
  expect(text(await runCardAction(tooLow, actor, 'saveSettings', { anonymityThreshold: '1' }))).toContain('De anonimiteitsdrempel moet minstens 3 zijn.');
});

test('export needs a download place; later and opt-out say what happens next', async () => {
  expect(text(await runCardAction(deps({ coordinators: { listRounds: async () => [{ ...round, state: 'closed' }] } }), actor, 'export', {}))).toContain('Exporteren lukt nu niet');
  const later = await runCardAction(deps(), actor, 'later', { roundId: 'r' });
  expect(text(later)).toContain('Later verder');
  expect(text(later)).toContain('"verb":"start"');
  const optOut = jest.fn(async () => ({ kind: 'done', erased: false, text: 'Begrepen: geen herinneringen meer.' }));
  expect(text(await runCardAction(deps({ respondents: { optOut } }), actor, 'optOut', { roundId: 'r' }))).toContain('Begrepen');
  expect(optOut).toHaveBeenCalledWith(actor, 'r', { confirmed: false });
  // Only a real `true` confirms: an edited card sending "true" as text is asked again.
  await runCardAction(deps({ respondents: { optOut } }), actor, 'optOut', { roundId: 'r', confirmed: 'true' });
  expect(optOut).toHaveBeenLastCalledWith(actor, 'r', { confirmed: false });
});
