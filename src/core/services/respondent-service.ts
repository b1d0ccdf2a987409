import { checkSection, formShape, formToAnswers } from '../answers';
import { draftAnswers, draftFields } from '../drafts';
import type { ResponseRecord } from '../response';
import { SurveyError } from '../errors';
import { REJOINS_FROM, type Participation, type ParticipationStatus } from '../participation';
import { isComplete, nextStep, respondentKey } from '../response';
import { answerSteps, assertAcceptsAnswers, stepOf, stepSections, type Round } from '../round';
import { buildMyRound, buildReview } from '../views/review';
import { buildInvitation } from '../views/invitation';
import { buildSectionForm, scalePoints } from '../views/section-form';
import type { InvitationView, MyRoundView, ReviewView, ScalePointView, SectionFormView, WithdrawalView } from '../views/types';
import { buildWithdrawal } from '../views/withdrawal';
import type { MessageRef } from '../messenger';
import type { Lang } from '../questionnaire/schema';
import { schoolName, type Tenant } from '../tenant';
import { t } from '../../i18n';
import type { Actor, ServiceDeps } from './deps';
import { invitationState } from '../views/invitation';
import { GROUP_STEP, hasGroupAssignment, roundForGroup } from '../group-dimensions';
import { LruMap } from '../lru-map';

/** Respondent keys kept in memory: a school group's busiest hour, a few kB. */
const RESPONDENT_KEYS_KEPT = 5_000;

/** The optional self-declared group travels with the first section's fields (the group step, when there is one). */
const GROUP_FIELD = 'group';

/** The round as this respondent's group sees it: only the dimensions their group is asked. */
const asked = (round: Round, response: Pick<ResponseRecord, 'group'> | null | undefined): Round => roundForGroup(round, response?.group);

export type NextStep = { kind: 'form'; view: SectionFormView } | { kind: 'review'; view: ReviewView };
/** What "Ik doe niet mee" leads to: a question first when there is something to erase, or done. */
export type OptOutOutcome = { kind: 'confirm'; view: WithdrawalView } | { kind: 'done'; erased: boolean; text: string };
export type SubmitOutcome = { ok: true; next: NextStep } | { ok: false; form: SectionFormView };

/**
 * What a staff member can do: open the round, answer a section, review, opt out. Every write
 * checks that the round still accepts answers, and every answer is stored under the respondent's
 * pseudonymous key — this service is the only place a user id is turned into that key.
 */
export class RespondentService {
  private readonly keys = new LruMap<string, string>(RESPONDENT_KEYS_KEPT);

  constructor(private readonly deps: ServiceDeps) {}

  private async round(actor: Actor, roundId: string): Promise<Round> {
    const round = await this.deps.repos.rounds.get(roundId);
    if (!round || round.tenantId !== actor.tenant.id) throw new SurveyError('round_not_found');
    return round;
  }

  private key(round: Round, actor: Actor): string {
    return this.keyOf(round.id, actor);
  }

  /** The respondent key, remembered (bounded): a keyed hash per request part adds up under load. */
  private keyOf(roundId: string, actor: Pick<Actor, 'platformUserId'>): string {
    const memo = `${roundId}\u0000${actor.platformUserId}`;
    let key = this.keys.get(memo);
    if (key === undefined) {
      key = respondentKey(this.deps.respondentSecret, roundId, actor.platformUserId);
      this.keys.set(memo, key);
    }
    return key;
  }

  private async invited(round: Round, actor: Actor) {
    return this.invitedAs(round, actor, await this.deps.repos.participations.get(round.id, actor.platformUserId));
  }

  /** The invitation as read (alongside the round), checked; the person's language kept up to date. */
  private async invitedAs(round: Round, actor: Actor, participation: Participation | null) {
    if (!participation) throw new SurveyError('not_invited');
    // The person's chat language, learnt from how they use the bot: their reminders and notices
    // follow it (one language per person). Written only when it changes.
    if (participation.lang !== actor.lang) {
      await this.deps.repos.participations.setLanguage(round.id, actor.platformUserId, actor.lang);
      participation.lang = actor.lang;
    }
    return participation;
  }

  /**
   * The round, the person's invitation and (when asked) their response, read at once: none of
   * the three queries needs another's answer (the respondent key is derived from the round id).
   * Checks in the same order as one after the other: round, then invitation.
   */
  private async roundAndInvitation(actor: Actor, roundId: string, withResponse: boolean) {
    const [round, participation, response] = await Promise.all([
      this.round(actor, roundId),
      this.deps.repos.participations.get(roundId, actor.platformUserId),
      withResponse ? this.deps.repos.responses.get(roundId, this.keyOf(roundId, actor)) : Promise.resolve(null),
    ]);
    return { round, participation, response };
  }

  /**
   * The person answers: an invitation that had not arrived, could not be delivered or was
   * declined counts as delivered from now on. A delivered one (nearly always, known from the read
   * before) needs no write. How far they got is their response's to say, not the invitation's.
   */
  private async rejoin(round: Round, actor: Actor, current: Participation): Promise<void> {
    if (!REJOINS_FROM.includes(current.status)) return;
    await this.deps.repos.participations.rejoin(round.id, actor.platformUserId);
  }

  private async advance(round: Round, actor: Actor, to: ParticipationStatus): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.repos.participations.advance(round.id, actor.platformUserId, to, {}, now);
  }

  /** "Start" / "Continue": the first section not yet submitted, or the review when all are done. */
  async startOrContinue(actor: Actor, roundId: string): Promise<NextStep> {
    const { round, participation, response } = await this.roundAndInvitation(actor, roundId, true);
    assertAcceptsAnswers(round, this.deps.clock.now());
    if (!participation) throw new SurveyError('not_invited');
    await this.rejoin(round, actor, participation);
    const submitted = response?.submittedSections ?? [];
    const section = nextStep(asked(round, response), submitted);
    if (!section) return { kind: 'review', view: buildReview(asked(round, response), actor.lang, actor.tenant.settings.timeZone, submitted) };
    return { kind: 'form', view: await this.form(round, actor, section, response) };
  }

  /**
   * A section's form with the saved answers and, over them, a paused draft of it if there is one.
   * `typing`: the draft is what the person is typing right now (a live total), not one to restore.
   */
  private async form(full: Round, actor: Actor, section: string, response: ResponseRecord | null, typing = false, drafts?: Map<string, Record<string, string>>): Promise<SectionFormView> {
    const round = asked(full, response);
    const draft = drafts ? drafts.get(section) : await this.deps.repos.drafts.get(round.id, this.key(round, actor), section);
    const restored = draft && Object.keys(draft).length ? draftAnswers(round, section, draft) : undefined;
    return buildSectionForm(round, section, actor.lang, {
      answers: { ...(response?.answers ?? {}), ...(restored?.answers ?? {}) },
      group: restored && 'group' in restored ? restored.group || undefined : response?.group,
      saved: stepSections(round, section).every((s) => response?.submittedSections.includes(s)),
      draft: restored !== undefined && !typing,
    });
  }

  /**
   * The form again while the person types, e.g. to show the running total of the days question:
   * what was typed is kept as the section's draft (so nothing typed is lost; not validated, not
   * counted, not submitted) and the form comes back with it and everything derived from it.
   * `merge` for one page of a section Slack splits over several modals.
   */
  async typing(actor: Actor, roundId: string, section: string, fields: Record<string, unknown>, mode: 'merge' | 'replace' = 'replace'): Promise<SectionFormView> {
    await this.saveDraft(actor, roundId, section, fields, mode);
    const { round, response } = await this.roundAndInvitation(actor, roundId, true);
    return this.form(round, actor, section, response, true);
  }

  /**
   * "Later verder": keeps what was typed in a section as a draft (not counted, not validated,
   * not submitted) that the next opening of the section shows again. `merge` adds to what an
   * earlier page of the same section left (Slack splits very long sections over several
   * modals); `replace` stores exactly this form. Returns the draft as stored.
   */
  async saveDraft(actor: Actor, roundId: string, section: string, fields: Record<string, unknown>, mode: 'merge' | 'replace' = 'replace'): Promise<Record<string, string>> {
    const round = await this.round(actor, roundId);
    assertAcceptsAnswers(round, this.deps.clock.now());
    await this.invited(round, actor);
    const mine = hasGroupAssignment(round) ? asked(round, await this.deps.repos.responses.get(round.id, this.key(round, actor))) : round;
    if (!answerSteps(mine).includes(section)) throw new SurveyError('unknown_section', {}, section);
    return this.deps.repos.drafts.save(round.id, this.key(round, actor), section, draftFields(mine, section, fields), mode, round.closesAt);
  }

  /** The draft of a section as stored (flat fields), for an adapter that collects a section page by page. */
  async draft(actor: Actor, roundId: string, section: string): Promise<Record<string, string>> {
    const round = await this.round(actor, roundId);
    await this.invited(round, actor);
    return (await this.deps.repos.drafts.get(round.id, this.key(round, actor), section)) ?? {};
  }

  /** Opens one section with whatever was saved before, to continue or to change answers. */
  async openSection(actor: Actor, roundId: string, requested: string, opts: { advance?: boolean } = {}): Promise<SectionFormView> {
    const { round, participation, response } = await this.roundAndInvitation(actor, roundId, true);
    assertAcceptsAnswers(round, this.deps.clock.now());
    if (!participation) throw new SurveyError('not_invited');
    // A dimension of a quick round opens the one form they share; a dimension the person's group
    // is not asked does not open at all.
    const section = stepOf(round, requested);
    if (!answerSteps(asked(round, response)).includes(section)) throw new SurveyError('unknown_section', {}, requested);
    // A later page of a section already open needs no second look at the invitation.
    if (opts.advance !== false) await this.rejoin(round, actor, participation);
    return this.form(round, actor, section, response);
  }

  /**
   * Validates and saves one section as a form submits it (flat field ids). On any problem nothing
   * is saved and the form comes back with every error and the typed values kept.
   */
  async submitSection(
    actor: Actor,
    roundId: string,
    section: string,
    fields: Record<string, unknown> | ((blank: SectionFormView) => Record<string, unknown>),
  ): Promise<SubmitOutcome> {
    // The person's drafts are read with the round: the next section's form shows its draft, and
    // this section's is deleted only when there is one — one round trip before the save, none after.
    const [{ round: full, participation, response }, drafts] = await Promise.all([
      this.roundAndInvitation(actor, roundId, true),
      this.deps.repos.drafts.listByRespondent(roundId, this.keyOf(roundId, actor)),
    ]);
    const now = this.deps.clock.now();
    assertAcceptsAnswers(full, now);
    if (!participation) throw new SurveyError('not_invited');
    // Only the steps the person's group is asked can be submitted (a forged payload cannot add another).
    const round = asked(full, response);
    const assigned = hasGroupAssignment(full);
    if ((assigned || typeof fields === 'function') && !answerSteps(round).includes(section)) throw new SurveyError('unknown_section', {}, section);
    if (typeof fields === 'function') {
      // The adapter reads the typed values by the form's own layout (e.g. Slack's modal pages).
      fields = fields(buildSectionForm(round, section, actor.lang, {}));
    }
    // Only the section's own inputs are read; anything else in the payload refuses the submission.
    // When the group decides the dimensions, it is asked on its own step and nowhere else.
    const { fields: raw, unknown } = formToAnswers(fields, formShape(round, section, !assigned || section === GROUP_STEP ? [GROUP_FIELD] : []));
    const group = raw[GROUP_FIELD];
    delete raw[GROUP_FIELD];
    const groupError = this.checkGroup(round, group);
    const check: ReturnType<typeof checkSection> = section === GROUP_STEP ? { ok: true, answers: {} } : checkSection(round, section, raw);
    if (!check.ok || groupError || unknown.length) {
      const errors = [...(check.ok ? [] : check.errors), ...(groupError ? [groupError] : []), ...(unknown.length ? [new SurveyError('unknown_item')] : [])];
      return { ok: false, form: buildSectionForm(round, section, actor.lang, { answers: raw, errors, group: typeof group === 'string' ? group : undefined }) };
    }
    const key = this.key(round, actor);
    const { responses } = this.deps.repos;
    // Answers, group and "submitted" in one atomic write; a quick round's one form submits every
    // dimension in it, each counting as its own section. Then, in parallel: `complete` (once; no
    // time is stored), the invitation (only if it had not arrived or was declined: `rejoin`), and the
    // draft (now the section's answers).
    const groupChange = group === undefined ? undefined : typeof group === 'string' && group ? group : null;
    const [first, ...others] = stepSections(round, section);
    let record = await responses.saveSection(round.id, key, first!, check.answers, groupChange, now);
    for (const s of others) record = await responses.markSectionSubmitted(round.id, key, s, false, now);
    // The group just given decides what is left to answer.
    const mine = asked(full, record);
    const complete = isComplete(mine, record.submittedSections);
    const next = nextStep(mine, record.submittedSections);
    // The next section's form (with its draft) is read alongside these writes: the saved answers
    // come from the write's own result, so nothing here waits for another.
    // A switch to a group that is asked more than the person answered makes a finished response
    // unfinished again: it no longer counts as completed, and reminders resume.
    const reopened = groupChange !== undefined && record.complete && !complete;
    const [nextForm] = await Promise.all([
      next ? this.form(full, actor, next, record, false, drafts) : Promise.resolve(undefined),
      ...(complete && !record.complete ? [responses.markCompleted(round.id, key, now)] : []),
      ...(reopened ? [responses.markIncomplete(round.id, key, record.group ?? null)] : []),
      this.rejoin(round, actor, participation),
      ...(drafts.has(section) ? [this.deps.repos.drafts.delete(round.id, key, section)] : []),
    ]);
    if (nextForm) return { ok: true, next: { kind: 'form', view: nextForm } };
    return { ok: true, next: { kind: 'review', view: buildReview(mine, actor.lang, actor.tenant.settings.timeZone, record.submittedSections) } };
  }

  private checkGroup(round: Round, group: unknown): SurveyError | undefined {
    if (group === undefined || group === null || group === '') return undefined;
    if (typeof group !== 'string' || !round.questionnaire.groups.some((g) => g.id === group)) return new SurveyError('unknown_group', {}, 'group');
    return undefined;
  }

  async review(actor: Actor, roundId: string): Promise<ReviewView> {
    const round = await this.round(actor, roundId);
    await this.invited(round, actor);
    const response = await this.deps.repos.responses.get(round.id, this.key(round, actor));
    return buildReview(asked(round, response), actor.lang, actor.tenant.settings.timeZone, response?.submittedSections ?? []);
  }

  /**
   * "Ik doe niet mee". Someone with nothing saved is simply out: no more reminders. Someone who
   * started or finished is asked first (`confirm`), because confirming erases every answer they
   * saved in this round, open answers too, so nothing of theirs counts anywhere. After closing
   * nothing can be withdrawn: the answers are in the anonymous summary, and the person is told so.
   */
  async optOut(actor: Actor, roundId: string, opts: { confirmed?: boolean } = {}): Promise<OptOutOutcome> {
    const round = await this.round(actor, roundId);
    const now = this.deps.clock.now();
    if (round.state === 'closed' || round.state === 'published' || (round.state === 'open' && now >= round.closesAt)) throw new SurveyError('withdrawal_closed');
    assertAcceptsAnswers(round, now);
    await this.invited(round, actor);
    const key = this.key(round, actor);
    const response = await this.deps.repos.responses.get(round.id, key);
    // What is stored decides, not the status: someone who only opened a form has nothing to lose.
    const answered = Boolean(response && (response.submittedSections.length > 0 || Object.keys(response.answers).length > 0 || response.group !== undefined));
    if (answered && !opts.confirmed) return { kind: 'confirm', view: buildWithdrawal(round, actor.lang) };
    // Erase first: should the status update fail, the person can try again and nothing of theirs counts meanwhile.
    if (answered) await this.deps.repos.responses.erase(round.id, key, now);
    // What they typed and paused on goes too: it is theirs, and "Starten" must not bring it back.
    const drafts = await this.deps.repos.drafts.listByRespondent(round.id, key);
    for (const section of drafts.keys()) await this.deps.repos.drafts.delete(round.id, key, section);
    await this.advance(round, actor, 'opted_out');
    return { kind: 'done', erased: answered, text: t(actor.lang, answered ? 'survey:withdraw.done' : 'survey:optedOut') };
  }

  /**
   * The person's invitation (in the person's language unless `lang` is given),
   * where it was delivered (so an adapter can update it in place), and the scale's long meanings
   * in the reader's language — for "more about anonymity", "what do the points mean?" and the
   * "saved — 3 of 8" line under the invitation.
   */
  async invitation(
    actor: Actor,
    roundId: string,
    lang?: Lang,
  ): Promise<{ view: InvitationView; delivered?: MessageRef; scale: { title: string; points: ScalePointView[] } }> {
    const { view, delivered, round } = await this.readInvitation(actor, roundId, lang);
    return { view, ...(delivered ? { delivered } : {}), scale: { title: t(actor.lang, 'survey:scaleHelpTitle'), points: scalePoints(round, actor.lang) } };
  }

  /**
   * The invitation where it was delivered and where the person stands (for its "saved — 3 of 8"
   * line), in the invitation's language, from one set of reads.
   */
  async invitationProgress(actor: Actor, roundId: string): Promise<{ view: InvitationView; delivered?: MessageRef; progress: ReviewView }> {
    const { view, delivered, round, submitted } = await this.readInvitation(actor, roundId);
    return { view, ...(delivered ? { delivered } : {}), progress: buildReview(round, view.lang, actor.tenant.settings.timeZone, submitted) };
  }

  private async readInvitation(actor: Actor, roundId: string, lang?: Lang) {
    // Round, invitation, response and the school's label in one go: none needs another's answer.
    const [{ round, participation: read, response }, school, drafts] = await Promise.all([
      this.roundAndInvitation(actor, roundId, true),
      this.schoolLabel(actor),
      this.deps.repos.drafts.listByRespondent(roundId, this.keyOf(roundId, actor)),
    ]);
    const participation = await this.invitedAs(round, actor, read);
    const delivered =
      participation.conversationId && participation.invitationMessageId
        ? { conversationId: participation.conversationId, messageId: participation.invitationMessageId }
        : undefined;
    // Only the dimensions the person's group is asked (all of them while the group is not known).
    const mine = asked(round, response);
    const submitted = response?.submittedSections ?? [];
    const state = invitationState(mine, participation.status, submitted, this.deps.clock.now(), drafts.size > 0);
    const groupPending = hasGroupAssignment(round) && response?.group === undefined;
    return { view: buildInvitation(mine, lang ?? actor.lang, actor.tenant.settings.timeZone, state, school, groupPending), delivered, round: mine, submitted };
  }

  /** The school's name when its platform tenant holds several (see buildInvitation). */
  private async schoolLabel(actor: Actor): Promise<string | undefined> {
    const { platform, externalId } = actor.tenant;
    return (await this.deps.repos.tenants.listByPlatformTenant(platform, externalId)).length > 1 ? schoolName(actor.tenant) : undefined;
  }

  /**
   * The person's chat language became known or changed (learnt from any activity of theirs, or
   * chosen on a card): their open invitations in every school of the platform tenant follow it,
   * so reminders and notices arrive in it too. Written only where it differs.
   */
  async learnLanguage(platform: Tenant['platform'], externalId: string, platformUserId: string, lang: Lang): Promise<void> {
    for (const school of await this.deps.repos.tenants.listByPlatformTenant(platform, externalId)) {
      for (const p of await this.deps.repos.participations.listByUser(school.id, platformUserId)) {
        if (p.lang !== lang) await this.deps.repos.participations.setLanguage(p.roundId, platformUserId, lang);
      }
    }
  }

  /** Open rounds the person was invited to, for App Home and "continue later". */
  async myRounds(actor: Actor): Promise<MyRoundView[]> {
    const participations = await this.deps.repos.participations.listByUser(actor.tenant.id, actor.platformUserId);
    // The rounds at once, then the person's responses to the open ones at once.
    const rounds = await Promise.all(participations.map((p) => this.deps.repos.rounds.get(p.roundId)));
    const open = participations.flatMap((p, i) => (rounds[i]?.state === 'open' ? [{ p, round: rounds[i]! }] : []));
    const [responses, drafts] = await Promise.all([
      Promise.all(open.map(({ round }) => this.deps.repos.responses.get(round.id, this.key(round, actor)))),
      Promise.all(open.map(({ round }) => this.deps.repos.drafts.listByRespondent(round.id, this.key(round, actor)))),
    ]);
    const views: MyRoundView[] = [];
    open.forEach(({ p, round }, i) => {
      const submitted = responses[i]?.submittedSections ?? [];
      const mine = asked(round, responses[i] ?? null);
      const status: MyRoundView['status'] =
        p.status === 'opted_out' ? 'opted_out' : isComplete(mine, submitted) ? 'completed' : submitted.length || drafts[i]!.size ? 'in_progress' : 'todo';
      views.push(buildMyRound(mine, actor.lang, actor.tenant.settings.timeZone, status, submitted));
    });
    return views;
  }
}
