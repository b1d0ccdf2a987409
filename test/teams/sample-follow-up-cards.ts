import type { ActionItem } from '../../src/core/actions/model';
import type { Lang } from '../../src/core/questionnaire/schema';
import type { RoundSummary } from '../../src/core/summary/model';
import { ballotView } from '../../src/core/vote/views';
import { voteOptions } from '../../src/core/vote/options';
import type { PriorityVote } from '../../src/core/vote/model';
import { actionFormCard, actionPlanCard, ballotCard } from '../../src/teams/cards/presenters/follow-up';
import type { AdaptiveCard, CardName } from '../../src/teams/cards/render-card';
import { summaryCard } from '../../src/teams/cards/presenters/summary';

/** The follow-up cards (issue #14) with the shipped questionnaire's full set of work points. */
export function followUpSamples(add: (name: CardName, label: string, card: AdaptiveCard) => void, lang: Lang, summary: RoundSummary): void {
  const options = voteOptions(summary);
  const titles = Object.fromEntries(summary.dimensions.map((d) => [d.dimensionId, d.title]));
  const vote: PriorityVote = {
    id: 'v-round-sample',
    tenantId: 'teams:t',
    roundId: 'round-sample',
    roundTitle: 'Nulmeting maart',
    options,
    maxChoices: 3,
    k: 5,
    state: 'open',
    openedBy: 'aad-coordinator',
    openedAt: new Date('2026-03-20T09:00:00Z'),
    closesAt: new Date('2026-03-27T09:00:00Z'),
  };
  add('ballot', `${lang} ballot with every statement`, ballotCard(ballotView(vote, lang, 'Europe/Brussels', titles, false)));
  add('ballot', `${lang} ballot with an error`, ballotCard(ballotView(vote, lang, 'Europe/Brussels', titles, false), 'Kies hoogstens 3 werkpunten.', options.slice(0, 4).map((o) => o.id)));
  add('ballot', `${lang} ballot already voted`, ballotCard(ballotView(vote, lang, 'Europe/Brussels', titles, true)));
  const action: ActionItem = {
    id: 'a-1',
    tenantId: 'teams:t',
    roundId: 'round-sample',
    dimensionId: options[0]!.dimensionId,
    workPoint: { id: options[0]!.id, text: options[0]!.text },
    what: 'Elke maand een leerlingbespreking per klas, met het zorgteam erbij. '.repeat(6).trim(),
    owner: { kind: 'person', platformUserId: 'aad-1' },
    dueDate: '2026-06-12',
    successSign: 'Elke klas is besproken en de afspraken staan in het leerlingvolgsysteem.',
    status: 'in_progress',
    statusNote: 'Eerste ronde gehouden in april.',
    createdBy: 'aad-coordinator',
    createdAt: new Date('2026-03-28T09:00:00Z'),
    updatedAt: new Date('2026-04-20T09:00:00Z'),
  };
  const context = { round: { id: 'round-sample', title: 'Nulmeting maart' }, workPoints: options.map((o, i) => (i < 3 ? { ...o, votes: 9 - i } : o)), dimensionTitles: titles };
  const people = [
    { id: 'aad-coordinator', name: 'Els Van den Broeck' },
    { id: 'aad-1', name: 'Lotte Peeters' },
  ];
  add('action-form', `${lang} new action`, actionFormCard({ lang, context, people }));
  add('action-form', `${lang} edit action with an error`, actionFormCard({ lang, context, people, action, error: 'De actie klopt nog niet: kies een geldige datum.' }));
  const many = Array.from({ length: 12 }, (_, i) => ({ ...action, id: `a-${i}`, owner: i % 2 ? action.owner : { kind: 'group' as const, name: 'Zorgteam' } }));
  const names = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const dimensionTitle = (id: string) => titles[id]?.[lang] ?? id;
  add('action-plan', `${lang} action plan of 12`, actionPlanCard({ lang, actions: many, dimensionTitle, displayName: names, canEdit: true, summary: '12 acties', saved: 'Bewaard.', editors: { value: ['aad-1'], people } }));
  const followUp = {
    previous: { roundId: 'round-before', title: 'Nulmeting september' },
    dimensions: summary.dimensions.map((d, i) => ({
      dimensionId: d.dimensionId,
      title: d.title,
      change: i === 0 ? ({ status: 'withheld', reason: 'too_few' } as const) : ({ status: 'shown', previousMean: 3.1, currentMean: 3.6, change: 0.5 } as const),
      actions: i === 1 ? [] : [{ what: action.what, status: 'done' as const, workPoint: action.workPoint.text }],
    })),
  };
  add('summary', `${lang} summary with actions since the previous round`, summaryCard({ ...summary, followUp }, lang));
  add('action-plan', `${lang} empty action plan`, actionPlanCard({ lang, actions: [], dimensionTitle, displayName: names, canEdit: false, summary: 'Nog geen acties.' }));
}
