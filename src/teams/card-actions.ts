import { isSurveyError, SurveyError } from '../core/errors';
import type { Clock } from '../core/ports';
import type { Lang, Questionnaire } from '../core/questionnaire/schema';
import type { Round, RoundState } from '../core/round';
import type { ConfirmedAction } from '../core/views/types';
import type { Actor, Services } from '../core/services';
import type { SettingsPatch } from '../core/services/coordinator-service';
import { schoolName, type Tenant } from '../core/tenant';
import { describeError, t } from '../i18n';
import type { Logger } from '../log';
import { invitationCard } from './cards/presenters/invitation';
import { helpCard } from './cards/presenters/welcome';
import { moderationCard, quoteEditCard } from './cards/presenters/moderation';
import { noticeCard } from './cards/presenters/notice';
import { withdrawalCard } from './cards/presenters/withdrawal';
import { reviewCard } from './cards/presenters/review';
import { roundFormCard } from './cards/presenters/round-form';
import { roundStatusCard } from './cards/presenters/round-status';
import { sectionFormCard } from './cards/presenters/section-form';
import { settingsCard, type SettingsOptions } from './cards/presenters/settings';
import type { AdaptiveCard } from './cards/render-card';
import { closesAt, defaultRoundForm, readRoundForm, type AudienceOption, type RoundFormState } from './cards/round-form-input';
import { withRenderedInputs } from './cards/form-inputs';
import { submissionOf, SUBMISSION_KEY } from './cards/submission';
import { isVerb, type Verb } from './cards/verbs';
import { isFollowUpVerb, runFollowUpAction } from './follow-up-actions';
import { repeatRoundForm } from './repeat-round';

/**
 * Every `Action.Execute` on our cards and every typed command lands here: (actor, verb, data) →
 * the card to show next. One verb is one service call; the survey's rules stay in the core. The
 * playground reuses this as is, with its own dependencies.
 */

/** An export as the core produces it. */
export interface ExportFile {
  filename: string;
  mime: string;
  data: Buffer;
}

export interface CardActionDeps {
  services: Services;
  questionnaire: Questionnaire;
  clock: Clock;
  logger: Logger;
  /** Who a coordinator can invite (Teams: the teams the app is installed in, with their size). */
  audiences(actor: Actor): Promise<AudienceOption[]>;
  /** Channels and people the settings card offers. */
  settingsOptions(actor: Actor): Promise<SettingsOptions>;
  displayName(tenant: Tenant, platformUserId: string): string;
  /** The XLSX export of a closed round (the core's `exportRound`). */
  exportRound?(actor: Actor, roundId: string): Promise<ExportFile>;
  /** Makes a file downloadable for a short while; the URL goes on an Action.OpenUrl. */
  offerDownload?(file: ExportFile): Promise<{ url: string; minutes: number }>;
  /**
   * Remembers what a one-off action produced, so a repeated click (or a retried invoke) of the
   * same form shows the first result instead of doing it again (keyed on the form's submission
   * id, see cards/submission.ts).
   */
  memo?: { get(key: string): Promise<string | undefined>; set(key: string, value: string): Promise<void> };
  /** Records the language a person chose on a card (above their Teams locale); see bot/language.ts. */
  chooseLanguage?(actor: Actor, lang: Lang): Promise<void>;
}

export interface CardActionContext {
  /** The team the card or command is in; undefined in personal chat. */
  teamId?: string;
  /**
   * The id of the message that holds the card, when the action came from a card. Not a key for
   * idempotency: every click on that message carries it, whatever card it shows by then.
   */
  cardMessageId?: string;
}

/**
 * A card to show, or an error to report without touching the card: the client keeps the card as
 * it was, with everything typed still in it, so the person can try again (e.g. the database
 * could not be reached, so nothing was saved).
 */
export type CardActionResult =
  | { kind: 'card'; card: AdaptiveCard }
  | { kind: 'error'; message: string }
  /** A short message to the person who clicked; the card stays as it is for everyone. */
  | { kind: 'message'; text: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): string[] =>
  str(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Keys of a submit's data that are ours, not form fields. */
const META_KEYS = new Set(['roundId', 'section', 'verb', SUBMISSION_KEY]);

/** The rounds a command without a round id may mean, newest first. */
const ROUND_STATES_FOR: Partial<Record<Verb, RoundState[]>> = {
  remind: ['open'],
  close: ['open'],
  cancel: ['open', 'scheduled'],
  publish: ['closed'],
  moderate: ['closed'],
  export: ['closed', 'published'],
};
const CONFIRMED_VERBS: readonly Verb[] = ['close', 'publish', 'cancel'];

/** A submit's form fields: its data without our own keys. */
function formFields(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !META_KEYS.has(key)));
}

function card(c: AdaptiveCard): CardActionResult {
  return { kind: 'card', card: c };
}

function notice(actor: Actor, text: string, tone: 'info' | 'success' | 'warning' | 'error', title?: string, action?: { id: string; label: string; roundId?: string }) {
  return card(noticeCard({ lang: actor.lang, text, tone, ...(title ? { title } : {}), ...(action ? { action } : {}) }));
}

async function pickRound(deps: CardActionDeps, actor: Actor, verb: Verb, data: Record<string, unknown>): Promise<Round | string | undefined> {
  const given = str(data.roundId);
  if (given) return given;
  const states = ROUND_STATES_FOR[verb];
  if (!states) return undefined;
  const rounds = await deps.services.coordinators.listRounds(actor, 20);
  return rounds.find((r) => states.includes(r.state));
}

function roundIdOf(picked: Round | string): string {
  return typeof picked === 'string' ? picked : picked.id;
}

/** Maps a core error on a round-form field to the card input that shows it. */
function roundFormField(field: string | undefined): string {
  if (field === 'closesAt' || field === 'opensAt') return 'closesDate';
  if (field === 'audience') return 'audienceId';
  return field || '_form';
}

async function roundForm(deps: CardActionDeps, actor: Actor, ctx: CardActionContext, state?: RoundFormState, errors?: Record<string, string>): Promise<CardActionResult> {
  const audiences = await deps.audiences(actor);
  if (audiences.length === 0) return notice(actor, t(actor.lang, 'cards:roundForm.noAudience'), 'warning');
  const fixedAudience = ctx.teamId ? audiences.find((a) => a.id === ctx.teamId) : undefined;
  const formState =
    state ?? defaultRoundForm({ questionnaire: deps.questionnaire, lang: actor.lang, now: deps.clock.now(), timeZone: actor.tenant.settings.timeZone, audienceId: fixedAudience?.id });
  // A fresh form offers to repeat the previous round instead (issue #14).
  const repeatLabel = !state && (await deps.services.repeat.previous(actor)) ? t(actor.lang, 'followup:repeat.button') : '';
  return card(roundFormCard({ lang: actor.lang, questionnaire: deps.questionnaire, state: formState, audiences, fixedAudience, errors, repeatLabel }));
}

async function createRound(deps: CardActionDeps, actor: Actor, data: Record<string, unknown>, ctx: CardActionContext): Promise<CardActionResult> {
  deps.services.coordinators.assertCoordinator(actor);
  // Keyed on the form's submission id: a double click or a redelivered invoke of this form plans
  // one round, a form built later plans another. A form without one (sent before there were
  // submission ids) is not deduplicated: two rounds can be cancelled, a lost one is silent.
  const submission = submissionOf(data);
  const requestKey = submission ? `createRound:${submission}` : undefined;
  // The memo is shared by every school; the core's own key is scoped to the tenant already.
  const memoKey = submission ? `createRound:${actor.tenant.id}:${submission}` : undefined;
  const earlier = memoKey ? await deps.memo?.get(memoKey) : undefined;
  if (earlier) return roundCreated(deps, actor, earlier);
  const state = readRoundForm(data);
  const audiences = await deps.audiences(actor);
  const audience = audiences.find((a) => a.id === state.audienceId);
  const closes = closesAt(state, actor.tenant.settings.timeZone);
  const errors: Record<string, string> = {};
  if (!audience) errors.audienceId = t(actor.lang, 'cards:roundForm.chooseAudience');
  if (!closes) errors.closesDate = t(actor.lang, 'cards:roundForm.invalidDate');
  if (!audience || !closes) return roundForm(deps, actor, ctx, state, errors);
  try {
    const round = await deps.services.coordinators.createRound(actor, {
      title: state.title,
      dimensionIds: state.dimensionIds,
      depth: state.depth,
      includeReflection: state.includeReflection,
      audience: { kind: audience.kind, id: audience.id, name: audience.name },
      closesAt: closes,
      reminderHours: state.reminderHours,
      moderation: state.moderation,
      ...(state.groupDimensions.length ? { groupDimensions: state.groupDimensions } : {}),
    }, requestKey ? { requestKey } : {});
    if (memoKey) await deps.memo?.set(memoKey, round.id);
    return roundCreated(deps, actor, round.id, round, audience);
  } catch (e) {
    if (isSurveyError(e) && e.code === 'invalid_round') return roundForm(deps, actor, ctx, state, { [roundFormField(e.field)]: describeError(e, actor.lang) });
    throw e;
  }
}

async function roundCreated(deps: CardActionDeps, actor: Actor, roundId: string, created?: Round, audience?: AudienceOption): Promise<CardActionResult> {
  const round = created ?? (await deps.services.coordinators.listRounds(actor, 50)).find((r) => r.id === roundId);
  const [view] = await deps.services.coordinators.status(actor, roundId);
  const title = round?.title ?? view?.title ?? '';
  return notice(
    actor,
    t(actor.lang, 'cards:roundForm.createdText', { opens: view?.invitationsFrom ?? '', closes: view?.closes ?? '', audience: audience?.name ?? round?.audience.name ?? '' }),
    'success',
    t(actor.lang, 'cards:roundForm.createdTitle', { title }),
    { id: 'status', label: t(actor.lang, 'cards:actions.status'), roundId },
  );
}

async function roundCommand(deps: CardActionDeps, actor: Actor, verb: Verb, data: Record<string, unknown>, ctx: CardActionContext): Promise<CardActionResult> {
  deps.services.coordinators.assertCoordinator(actor);
  const picked = await pickRound(deps, actor, verb, data);
  if (!picked) return notice(actor, t(actor.lang, `cards:noRound.${verb}`), 'info', undefined, { id: 'status', label: t(actor.lang, 'cards:actions.status') });
  const roundId = roundIdOf(picked);
  const { coordinators } = deps.services;
  if (CONFIRMED_VERBS.includes(verb) && data.confirmed !== true) {
    // The round's own view: its title, and what each confirmation must say for this round.
    const [view] = await coordinators.status(actor, roundId);
    if (!view) throw new SurveyError('round_not_found');
    const title = view.title;
    const unscreened = verb === 'publish' ? await coordinators.unscreenedCount(actor, roundId) : 0;
    if (unscreened > 0) {
      // Say what publishing now leaves out, and confirm exactly that number (the core checks it).
      return card(
        noticeCard(
          { lang: actor.lang, title: t(actor.lang, 'cards:confirm.publish.title', { title }), text: t(actor.lang, 'cards:confirm.publishUnscreened.text', { count: unscreened }), tone: 'warning' },
          {
            actions: [
              { title: t(actor.lang, 'cards:confirm.publishUnscreened.review'), verb: 'moderate', data: { roundId }, style: 'positive' },
              { title: t(actor.lang, 'cards:confirm.publishUnscreened.yes'), verb, data: { roundId, confirmed: true, unscreened }, style: 'destructive' },
            ],
          },
        ),
      );
    }
    return card(
      noticeCard(
        { lang: actor.lang, title: t(actor.lang, `cards:confirm.${verb}.title`, { title }), text: t(actor.lang, view.confirmKeys[verb as ConfirmedAction], { title }), tone: 'warning' },
        {
          actions: [
            { title: t(actor.lang, `cards:confirm.${verb}.yes`), verb, data: { roundId, confirmed: true }, style: verb === 'publish' ? 'positive' : 'destructive' },
            { title: t(actor.lang, 'cards:confirm.no'), verb: 'status', data: { roundId } },
          ],
        },
      ),
    );
  }
  const back = { id: 'status', label: t(actor.lang, 'cards:actions.status'), roundId };
  switch (verb) {
    case 'remind':
      return notice(actor, (await coordinators.remindNow(actor, roundId)).text, 'success', undefined, back);
    case 'close':
      await coordinators.closeNow(actor, roundId);
      return notice(actor, t(actor.lang, 'cards:done.close'), 'success', undefined, back);
    case 'publish':
      await coordinators.publish(actor, roundId, { unscreened: Number(str(data.unscreened)) || 0 });
      return notice(actor, t(actor.lang, 'cards:done.publish'), 'success', undefined, back);
    case 'cancel': {
      const round = await coordinators.cancel(actor, roundId);
      return notice(actor, t(actor.lang, 'cards:done.cancel', { title: round.title }), 'success', undefined, back);
    }
    case 'moderate': {
      const offset = Number(str(data.offset)) || 0;
      return card(moderationCard(await coordinators.moderation(actor, roundId), actor.lang, offset));
    }
    case 'export':
      return exportRound(deps, actor, roundId);
    default:
      throw new Error(`not a round command: ${verb}`);
  }
}

async function exportRound(deps: CardActionDeps, actor: Actor, roundId: string): Promise<CardActionResult> {
  if (!deps.exportRound || !deps.offerDownload) return notice(actor, t(actor.lang, 'cards:export.unavailable'), 'warning');
  const file = await deps.exportRound(actor, roundId);
  const { url, minutes } = await deps.offerDownload(file);
  return card(
    noticeCard(
      { lang: actor.lang, title: t(actor.lang, 'cards:export.title'), text: t(actor.lang, 'cards:export.text', { filename: file.filename, minutes }), tone: 'success' },
      { links: [{ title: t(actor.lang, 'cards:export.download'), url }] },
    ),
  );
}

async function moderateQuote(deps: CardActionDeps, actor: Actor, data: Record<string, unknown>): Promise<CardActionResult> {
  const roundId = str(data.roundId);
  const quoteId = str(data.quoteId);
  const kind = str(data.action);
  const { coordinators } = deps.services;
  const offset = Number(str(data.offset)) || 0;
  if (kind === 'open') {
    const view = await coordinators.moderation(actor, roundId);
    const quote = view.quotes.find((q) => q.id === quoteId);
    if (!quote) throw new SurveyError('quote_not_found');
    return card(quoteEditCard(view, quote, actor.lang, offset));
  }
  if (kind === 'approvePage') {
    const ids = Array.isArray(data.quoteIds) ? data.quoteIds.filter((id): id is string => typeof id === 'string') : list(data.quoteIds);
    await coordinators.approveQuotes(actor, roundId, ids);
  } else if (kind === 'approve' || kind === 'hide') await coordinators.moderateQuote(actor, roundId, quoteId, { type: kind });
  else if (kind === 'edit') await coordinators.moderateQuote(actor, roundId, quoteId, { type: 'edit', text: str(data[`edit.${quoteId}`]) });
  else if (kind === 'tag') await coordinators.moderateQuote(actor, roundId, quoteId, { type: 'tag', themes: list(data[`themes.${quoteId}`]) });
  else throw new SurveyError('unknown_item', {}, 'action');
  return card(moderationCard(await coordinators.moderation(actor, roundId), actor.lang, offset));
}

async function saveSettings(deps: CardActionDeps, actor: Actor, data: Record<string, unknown>): Promise<CardActionResult> {
  const options = await deps.settingsOptions(actor);
  const channelId = str(data.teamChannel);
  // Only a channel of this tenant's own teams: an edited card could name another school's channel.
  if (channelId && !options.channels.some((c) => c.id === channelId) && channelId !== actor.tenant.settings.teamChannel?.id) {
    deps.logger.warn({ tenant: actor.tenant.id }, 'settings refused a channel outside the tenant');
    return card(settingsCard(actor.lang, actor.tenant, options, { teamChannel: t(actor.lang, 'cards:settings.unknownChannel') }));
  }
  const chosenChannel = channelId ? options.channels.find((c) => c.id === channelId) : undefined;
  const threshold = str(data.anonymityThreshold).trim();
  const language = str(data.language);
  const retention = str(data.retentionMonths).trim();
  const patch: SettingsPatch = {
    // Only a channel of this school's own teams: an id from elsewhere in the card is not trusted.
    ...(chosenChannel ? { teamChannel: { id: chosenChannel.id, name: chosenChannel.name } } : {}),
    ...(data.coordinators !== undefined ? { coordinators: list(data.coordinators) } : {}),
    ...(language === 'nl' || language === 'en' ? { language } : {}),
    ...(threshold ? { anonymityThreshold: Number(threshold) } : {}),
    // Any text goes to the core as a number (NaN for "abc"), which refuses it in the user's words.
    ...(retention ? { retentionMonths: Number(retention) } : {}),
  };
  try {
    const tenant = await deps.services.coordinators.updateSettings(actor, patch);
    return card(settingsCard(actor.lang, tenant, options, {}, true));
  } catch (e) {
    if (isSurveyError(e) && e.field && e.code !== 'not_coordinator') return card(settingsCard(actor.lang, actor.tenant, options, { [e.field]: describeError(e, actor.lang) }));
    throw e;
  }
}

async function route(deps: CardActionDeps, actor: Actor, verb: Verb, data: Record<string, unknown>, ctx: CardActionContext): Promise<CardActionResult> {
  const { respondents, coordinators } = deps.services;
  const roundId = str(data.roundId);
  switch (verb) {
    case 'start': {
      const next = await respondents.startOrContinue(actor, roundId);
      return card(next.kind === 'form' ? sectionFormCard(next.view) : reviewCard(next.view));
    }
    case 'openSection':
      return card(sectionFormCard(await respondents.openSection(actor, roundId, str(data.section))));
    case 'submitSection': {
      const outcome = await respondents.submitSection(actor, roundId, str(data.section), formFields(data));
      if (!outcome.ok) return card(sectionFormCard(outcome.form));
      return card(outcome.next.kind === 'form' ? sectionFormCard(outcome.next.view, { justSaved: true }) : reviewCard(outcome.next.view, { justSaved: true }));
    }
    case 'review':
      return card(reviewCard(await respondents.review(actor, roundId)));
    case 'updateTotal':
      return card(sectionFormCard(await respondents.typing(actor, roundId, str(data.section), formFields(data))));
    case 'later': {
      // The card sends what was typed: it is kept as a draft of the section, shown again next time.
      const section = str(data.section);
      if (section) await respondents.saveDraft(actor, roundId, section, formFields(data));
      return notice(actor, t(actor.lang, section ? 'cards:later.textDraft' : 'cards:later.text'), 'info', t(actor.lang, 'cards:later.title'), { id: 'start', label: t(actor.lang, 'survey:actions.continue'), roundId });
    }
    case 'done': {
      const view = await respondents.review(actor, roundId);
      return notice(actor, `${view.intro}\n${view.closesAt}`, 'success', view.title, { id: 'review', label: view.labels.change, roundId });
    }
    case 'language': {
      const lang = data.lang === 'en' || data.lang === 'nl' ? data.lang : undefined;
      if (!lang) throw new SurveyError('unknown_item', {}, 'lang');
      await deps.chooseLanguage?.(actor, lang);
      // The same invitation, now in the chosen language (and so is everything that follows).
      return card(invitationCard((await respondents.invitation({ ...actor, lang }, roundId)).view));
    }
    case 'optOut': {
      const outcome = await respondents.optOut(actor, roundId, { confirmed: data.confirmed === true });
      if (outcome.kind === 'confirm') return card(withdrawalCard(outcome.view));
      return notice(actor, outcome.text, 'info', undefined, { id: 'start', label: t(actor.lang, 'survey:actions.start'), roundId });
    }
    case 'newRound':
      coordinators.assertCoordinator(actor);
      return roundForm(deps, actor, ctx);
    case 'createRound':
      return createRound(deps, actor, data, ctx);
    case 'status':
      return card(roundStatusCard(actor.lang, await coordinators.status(actor, roundId || undefined), (id) => deps.displayName(actor.tenant, id)));
    case 'remind':
    case 'close':
    case 'publish':
    case 'cancel':
    case 'export':
    case 'moderate':
      return roundCommand(deps, actor, verb, data, ctx);
    case 'moderateQuote':
      return moderateQuote(deps, actor, data);
    case 'settings':
      coordinators.assertCoordinator(actor);
      return card(settingsCard(actor.lang, actor.tenant, await deps.settingsOptions(actor)));
    case 'saveSettings':
      return saveSettings(deps, actor, data);
    case 'help':
      return card(helpCard(actor.lang, Boolean(ctx.teamId)));
    case 'repeatRound':
      return repeatRoundForm(deps, actor, ctx, (state) => roundForm(deps, actor, ctx, state));
    default:
      if (isFollowUpVerb(verb)) return runFollowUpAction(deps, actor, verb, data, ctx);
      throw new Error(`unrouted verb ${verb}`);
  }
}

/** Verbs that act for one school as its coordinator: the school must be known first. */
const SCHOOL_VERBS: readonly Verb[] = ['newRound', 'createRound', 'status', 'remind', 'close', 'publish', 'cancel', 'export', 'moderate', 'moderateQuote', 'settings', 'saveSettings'];

/** "For which school?": one button per school the person coordinates, repeating the action there. */
function chooseSchool(actor: Actor, verb: Verb, schools: readonly Tenant[]): CardActionResult {
  return card(
    noticeCard(
      { lang: actor.lang, title: t(actor.lang, 'cards:chooseSchool.title'), text: t(actor.lang, 'cards:chooseSchool.text'), tone: 'info' },
      { actions: schools.map((school) => ({ title: schoolName(school), verb, data: { schoolId: school.id } })) },
    ),
  );
}

/**
 * Puts the chosen school on every button of the card, so the next click (the form's submit, a
 * confirmation) acts for the same school. The bot checks it against the activity's tenant again.
 */
function stampSchool(node: unknown, schoolId: string): void {
  if (Array.isArray(node)) {
    for (const child of node) stampSchool(child, schoolId);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  if (n.type === 'Action.Execute') n.data = { ...((n.data as Record<string, unknown> | undefined) ?? {}), schoolId };
  for (const value of Object.values(n)) if (value && typeof value === 'object') stampSchool(value, schoolId);
}

/**
 * Runs one action. A refusal from the core (closed round, not a coordinator, …) becomes a card
 * that says so in the person's language; a store outage becomes an error that leaves the card
 * (and whatever was typed in it) as it was.
 */
export async function runCardAction(deps: CardActionDeps, actor: Actor, verb: string, submitted: Record<string, unknown>, ctx: CardActionContext = {}): Promise<CardActionResult> {
  // An input the card showed but the client left out (cleared) reads as empty, not as absent.
  const data = withRenderedInputs(submitted);
  if (!isVerb(verb)) return notice(actor, t(actor.lang, 'cards:unknownAction'), 'warning');
  if (actor.schoolChoices && actor.schoolChoices.length > 1 && SCHOOL_VERBS.includes(verb)) return chooseSchool(actor, verb, actor.schoolChoices);
  try {
    const result = await route(deps, actor, verb, data, ctx);
    if (result.kind === 'card' && data.schoolId === actor.tenant.id) stampSchool(result.card, actor.tenant.id);
    return result;
  } catch (e) {
    if (isSurveyError(e)) {
      if (e.code === 'store_unavailable') return { kind: 'error', message: describeError(e, actor.lang) };
      return notice(actor, describeError(e, actor.lang), e.code === 'not_coordinator' ? 'warning' : 'error');
    }
    deps.logger.error({ err: e, verb }, 'card action failed');
    return { kind: 'error', message: t(actor.lang, 'cards:failed') };
  }
}
