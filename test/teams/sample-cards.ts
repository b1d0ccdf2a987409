import { SurveyError } from '../../src/core/errors';
import { progressFromCounts } from '../../src/core/participation';
import type { Quote } from '../../src/core/ports';
import { loadQuestionnaire } from '../../src/core/questionnaire/load';
import type { Lang } from '../../src/core/questionnaire/schema';
import type { ResponseRecord } from '../../src/core/response';
import { roundSections, type Round } from '../../src/core/round';
import { buildSummary } from '../../src/core/summary/build-summary';
import { extractQuotes } from '../../src/core/summary/quotes';
import { defaultTenantSettings, type Tenant } from '../../src/core/tenant';
import { buildInvitation, buildReminder } from '../../src/core/views/invitation';
import { buildModeration } from '../../src/core/views/moderation';
import { buildReview } from '../../src/core/views/review';
import { buildRoundStatus } from '../../src/core/views/round-status';
import { buildSectionForm } from '../../src/core/views/section-form';
import { invitationCard, reminderCard } from '../../src/teams/cards/presenters/invitation';
import { moderationCard, quoteEditCard } from '../../src/teams/cards/presenters/moderation';
import { summaryDetailCards } from '../../src/teams/cards/presenters/summary-details';
import { noticeCard } from '../../src/teams/cards/presenters/notice';
import { reviewCard } from '../../src/teams/cards/presenters/review';
import { roundFormCard } from '../../src/teams/cards/presenters/round-form';
import { roundStatusCard } from '../../src/teams/cards/presenters/round-status';
import { sectionFormCard } from '../../src/teams/cards/presenters/section-form';
import { settingsCard } from '../../src/teams/cards/presenters/settings';
import { summaryCard } from '../../src/teams/cards/presenters/summary';
import { helpCard, personalWelcomeCard, teamWelcomeCard } from '../../src/teams/cards/presenters/welcome';
import type { AdaptiveCard, CardName } from '../../src/teams/cards/render-card';
import { defaultRoundForm } from '../../src/teams/cards/round-form-input';
import { followUpSamples } from './sample-follow-up-cards';

/**
 * Every card template expanded with realistic data from the core's own view builders and the
 * shipped questionnaire, in both languages and in its awkward states (errors, withheld figures,
 * long texts, empty lists), so a template test covers what people will actually see.
 */
const TZ = 'Europe/Brussels';
const NOW = new Date('2026-03-02T09:00:00Z');

export function sampleRound(overrides: Partial<Round> = {}): Round {
  const questionnaire = loadQuestionnaire();
  return {
    id: 'round-sample',
    tenantId: 'teams:tenant-sample',
    title: 'Beginsituatieanalyse maart 2026',
    questionnaire,
    dimensionIds: questionnaire.dimensions.map((d) => d.id),
    depth: 'detailed',
    includeReflection: true,
    audience: { kind: 'team', id: '19:team@thread.tacv2', name: 'Leraren' },
    opensAt: NOW,
    closesAt: new Date('2026-03-16T16:00:00Z'),
    reminderHours: [72, 24],
    moderation: true,
    language: 'nl',
    anonymityThreshold: 5,
    state: 'open',
    createdBy: 'aad-coordinator',
    createdAt: NOW,
    ...overrides,
  };
}

export function sampleTenant(): Tenant {
  return {
    id: 'teams:tenant-sample',
    platform: 'teams',
    externalId: 'tenant-sample',
    settings: defaultTenantSettings({ coordinators: ['aad-coordinator'], teamChannel: { id: '19:team@thread.tacv2', name: 'Leraren › Algemeen' } }),
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** Deterministic pseudo-random answers for `n` respondents who completed every section. */
export function sampleResponses(round: Round, n: number, opts: { longText?: boolean } = {}): ResponseRecord[] {
  const q = round.questionnaire;
  const groups = q.groups.map((g) => g.id);
  const responses: ResponseRecord[] = [];
  for (let i = 0; i < n; i++) {
    const answers: ResponseRecord['answers'] = {};
    for (const [di, d] of q.dimensions.entries()) {
      answers[d.globalJudgement.id] = 1 + ((i + di) % 6);
      d.statements.forEach((s, si) => (answers[s.id] = 1 + ((i * 3 + si + di) % 6)));
      const filler = opts.longText ? ' Dit is een lang antwoord dat de kaart vult.'.repeat(40) : '';
      answers[d.openQuestions[0]!.id] = `Sterkte ${i + 1} bij ${d.id}: we overleggen wekelijks in het zorgteam.${filler}`;
      answers[d.openQuestions[1]!.id] = `Werkpunt ${i + 1} bij ${d.id}: meer tijd voor overleg met ouders.${filler}`;
    }
    for (const r of q.reflection.questions) {
      if (r.type === 'text') answers[r.id] = `Reflectie ${r.number} van respondent ${i + 1}.`;
      if (r.type === 'allocation') answers[r.id] = Object.fromEntries(q.guidanceDomains.map((d, di) => [d.id, di === i % q.guidanceDomains.length ? 2 : 1]));
      if (r.type === 'roleGrid') answers[r.id] = { [q.guidanceDomains[0]!.id]: { [q.roles[0]!.id]: `Ik volg leerlingen op (${i + 1}).` } };
    }
    responses.push({
      roundId: round.id,
      respondentKey: `key-${i}`,
      answers,
      submittedSections: roundSections(round),
      group: groups[i % 2],
      complete: true,
    });
  }
  return responses;
}

export function sampleQuotes(round: Round, responses: ResponseRecord[], status: Quote['status'] = 'approved'): Quote[] {
  let rank = 0;
  return extractQuotes(round, responses, NOW, () => rank++).map((q, i) => ({ ...q, status: i % 7 === 3 ? 'hidden' : status, themes: i % 4 === 0 ? ['clear-communication', 'too-few-resources'] : [] }));
}

export function sampleSummary(opts: { respondents: number; longText?: boolean; lang?: Lang } = { respondents: 12 }) {
  const round = sampleRound({ state: 'closed', closedAt: new Date('2026-03-16T16:00:15Z'), language: opts.lang ?? 'nl' });
  const responses = sampleResponses(round, opts.respondents, { longText: opts.longText });
  const progress = progressFromCounts({ delivered: opts.respondents + 3, undeliverable: 1 }, { started: opts.respondents + 1, completed: opts.respondents });
  return buildSummary({ round, responses, progress, quotes: sampleQuotes(round, responses), now: new Date('2026-03-16T16:01:00Z') });
}

export interface SampleCard {
  name: CardName;
  label: string;
  card: AdaptiveCard;
}

/** Every template, several times over, in both languages. */
export function sampleCards(): SampleCard[] {
  const out: SampleCard[] = [];
  const add = (name: CardName, label: string, card: AdaptiveCard) => out.push({ name, label, card });
  for (const lang of ['nl', 'en'] as const) {
    const round = sampleRound({ language: lang });
    const q = round.questionnaire;
    const tenant = sampleTenant();
    add('invitation', `${lang} invitation`, invitationCard(buildInvitation(round, lang, TZ)));
    add('reminder', `${lang} reminder (started)`, reminderCard(buildReminder(round, lang, TZ, true)));
    add('reminder', `${lang} reminder (not started)`, reminderCard(buildReminder(round, lang, TZ, false)));
    const first = q.dimensions[0]!;
    add('section-form', `${lang} first dimension`, sectionFormCard(buildSectionForm(round, first.id, lang)));
    add(
      'section-form',
      `${lang} dimension with errors and typed values`,
      sectionFormCard(
        buildSectionForm(round, first.id, lang, {
          answers: { [first.statements[0]!.id]: '4', [first.openQuestions[0]!.id]: 'Onze zorgcoördinator is bereikbaar.' },
          errors: [new SurveyError('required', {}, first.statements[1]!.id), new SurveyError('unknown_group', {}, 'group')],
          group: 'teacher',
        }),
        { justSaved: true },
      ),
    );
    add('section-form', `${lang} quick round dimension`, sectionFormCard(buildSectionForm({ ...round, depth: 'quick' }, q.dimensions[2]!.id, lang, { saved: true })));
    const allocation = q.reflection.questions.find((r) => r.type === 'allocation')!;
    const grid = q.reflection.questions.find((r) => r.type === 'roleGrid')!;
    const domains = q.guidanceDomains.map((d) => d.id);
    add(
      'section-form',
      `${lang} reflection with a total over five days`,
      sectionFormCard(
        buildSectionForm(round, 'reflection', lang, {
          answers: { [allocation.id]: Object.fromEntries(domains.map((d) => [d, '1.5'])), [grid.id]: { [domains[0]!]: { [q.roles[0]!.id]: 'Ik' } } },
          errors: [new SurveyError('allocation_total', { total: 6, max: 5 }, allocation.id), new SurveyError('text_too_long', { length: 600, max: 500 }, `${grid.id}.${domains[1]}.${q.roles[1]!.id}`)],
        }),
      ),
    );
    add('review', `${lang} review halfway`, reviewCard(buildReview(round, lang, TZ, [first.id])));
    add('review', `${lang} review complete`, reviewCard(buildReview(round, lang, TZ, roundSections(round)), { justSaved: true }));
    add('notice', `${lang} notice with action`, noticeCard({ lang, title: 'Afgesloten', text: 'Regel één.\nRegel twee.', tone: 'info', action: { id: 'moderate', label: 'Nalezen', roundId: round.id } }));
    add('notice', `${lang} notice with link and buttons`, noticeCard({ lang, text: 'Klaar', tone: 'success' }, { links: [{ title: 'Download', url: 'https://bot.example.be/exports/abc' }], actions: [{ title: 'Ja', verb: 'close', data: { roundId: 'r', confirmed: true }, style: 'destructive' }] }));
    add('notice', `${lang} bare notice`, noticeCard({ lang, text: 'Fout', tone: 'error' }));
    const audiences = [
      { kind: 'team' as const, id: '19:team@thread.tacv2', name: 'Leraren', size: 23 },
      { kind: 'team' as const, id: '19:other@thread.tacv2', name: 'Zorgteam', size: 1 },
    ];
    const state = defaultRoundForm({ questionnaire: q, lang, now: NOW, timeZone: TZ });
    add('round-form', `${lang} round form in a channel`, roundFormCard({ lang, questionnaire: q, state, audiences, fixedAudience: audiences[0] }));
    add('round-form', `${lang} round form in personal chat with errors`, roundFormCard({ lang, questionnaire: q, state: { ...state, dimensionIds: [] }, audiences, errors: { dimensionIds: 'Kies minstens één dimensie', closesDate: 'Ongeldig', _form: 'Iets anders' } }));
    const status = (r: Round, counts: { delivered?: number; undeliverable?: number; started?: number; completed?: number }, undeliverable: { platformUserId: string; undeliverableReason: string }[]) => {
        // The funnel as an older sample wrote it: started and completed people counted apart from delivered.
        const [delivered, started, completed] = [counts.delivered ?? 0, counts.started ?? 0, counts.completed ?? 0];
        return buildRoundStatus(r, progressFromCounts({ delivered: delivered + started + completed, undeliverable: counts.undeliverable ?? 0 }, { started: started + completed, completed }), undeliverable, lang, TZ);
      };
    add(
      'round-status',
      `${lang} status of three rounds`,
      roundStatusCard(
        lang,
        [
          status(round, { delivered: 10, started: 3, completed: 7, undeliverable: 2 }, [
            { platformUserId: 'aad-1', undeliverableReason: 'bot_blocked' },
            { platformUserId: 'aad-2', undeliverableReason: 'user_left' },
          ]),
          status({ ...round, state: 'closed' }, { completed: 12 }, []),
          status({ ...round, state: 'cancelled' }, {}, []),
        ],
        (id) => `Naam van ${id}`,
      ),
    );
    add('round-status', `${lang} no rounds`, roundStatusCard(lang, [], (id) => id));
    const people = [
      { id: 'aad-coordinator', name: 'Els Van den Broeck' },
      { id: 'aad-1', name: 'Lotte Peeters' },
    ];
    add('settings', `${lang} settings`, settingsCard(lang, tenant, { channels: [{ id: '19:team@thread.tacv2', name: 'Leraren › Algemeen' }], people }));
    add('settings', `${lang} settings with an error`, settingsCard(lang, tenant, { channels: [], people: [] }, { anonymityThreshold: 'Minstens 3' }, true));
    const closed = sampleRound({ state: 'closed', language: lang });
    const responses = sampleResponses(closed, 8, { longText: true });
    const quotes = sampleQuotes(closed, responses, 'pending').map((quote, i) => (i === 1 ? { ...quote, editedText: 'Aangepast zonder naam.', status: 'approved' as const } : quote));
    add('moderation', `${lang} moderation first page (long answers)`, moderationCard(buildModeration(closed, quotes, lang), lang));
    add('moderation', `${lang} moderation later page`, moderationCard(buildModeration(closed, quotes.slice(0, 12).map((x) => ({ ...x, text: 'Kort.' })), lang), lang, 5));
    add('moderation', `${lang} moderation without quotes`, moderationCard(buildModeration(closed, [], lang), lang));
    const screening = buildModeration(closed, quotes, lang);
    add('quote-edit', `${lang} one answer to edit or tag`, quoteEditCard(screening, screening.quotes[1]!, lang, 0));
    add('welcome', `${lang} team welcome`, teamWelcomeCard(lang, { name: 'Leraren', installer: 'Els Van den Broeck' }));
    add('welcome', `${lang} personal welcome`, personalWelcomeCard(lang));
    add('help', `${lang} help in a channel`, helpCard(lang, true));
    add('help', `${lang} help in personal chat`, helpCard(lang, false));
    const chart = { url: 'https://bot.example.be/charts/abc.png', altText: 'Staafdiagram' };
    add('summary', `${lang} summary of 12`, summaryCard(sampleSummary({ respondents: 12, lang }), lang, chart));
    add('summary', `${lang} summary of 3 (withheld)`, summaryCard(sampleSummary({ respondents: 3, lang }), lang));
    const long = sampleSummary({ respondents: 30, longText: true, lang });
    add('summary', `${lang} summary with long answers`, summaryCard(long, lang, chart));
    summaryDetailCards(long, lang).forEach((card, i) => add('summary-detail', `${lang} summary with long answers, reply ${i + 1}`, card));
    followUpSamples(add, lang, sampleSummary({ respondents: 12, lang }));
  }
  return out;
}
