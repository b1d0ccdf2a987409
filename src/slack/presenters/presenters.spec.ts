import { buildInvitation, buildReminder } from '../../core/views/invitation';
import { progressFromCounts } from '../../core/participation';
import { buildModeration } from '../../core/views/moderation';
import { buildMyRound, buildReview } from '../../core/views/review';
import { buildRoundStatus } from '../../core/views/round-status';
import { makeRound } from '../../core/testing/fixtures';
import type { Quote } from '../../core/ports';
import { defaultTenantSettings } from '../../core/tenant';
import { translator } from '../../i18n';
import { ACTIONS } from '../ids';
import { findBlockKitViolations } from '../limits';
import { parseActionValue } from '../schema';
import { createRoundModal } from './create-round';
import { helpBlocks } from './help';
import { homeView } from './home';
import { anonymityModal, noticeModal } from './info';
import { invitationMessage, reminderMessage } from './invitation';
import { moderationModal, QUOTES_PER_PAGE, quoteEditModal } from './moderation';
import { noticeBlocks } from './notice';
import { reviewModal } from './review';
import { roundStatusListBlocks } from './round-status';
import { settingsModal } from './settings';

const t = translator('nl');
const round = makeRound({ title: 'Leerzorg voorjaar' });
const tz = 'Europe/Brussels';
const ok = (payload: unknown) => expect(findBlockKitViolations(payload)).toEqual([]);

function quote(i: number, text = `Antwoord ${i}`): Quote {
  return { id: `q${i}`, roundId: round.id, itemId: 'X-strengths', section: 'X', text, status: 'pending', themes: [], order: i, createdAt: new Date(), updatedAt: new Date() };
}

describe('Slack presenters', () => {
  it('frames the invitation with Start / anonymity / opt out, and a saved line when updated', () => {
    const message = invitationMessage(buildInvitation(round, 'nl', tz), 'Bewaard — 2 van 3 onderdelen klaar.');
    const json = JSON.stringify(message.blocks);
    for (const id of [ACTIONS.start, ACTIONS.anonymity, ACTIONS.optOut]) expect(json).toContain(id);
    expect(json).toContain('Bewaard — 2 van 3');
    expect(json).toContain('anoniem');
    ok(message);
    ok(reminderMessage(buildReminder(round, 'en', tz, true)));
  });

  it('shows the review with a change button per section, and App Home within 100 blocks', () => {
    const review = reviewModal(buildReview(round, 'nl', tz, ['X']), t);
    expect(review.title.text.length).toBeLessThanOrEqual(24);
    expect(JSON.stringify(review.blocks).match(new RegExp(ACTIONS.openSection, 'g'))).toHaveLength(3);
    ok(review);
    const mine = Array.from({ length: 30 }, () => buildMyRound({ ...round, state: 'open' }, 'nl', tz, 'in_progress', ['X']));
    const statuses = Array.from({ length: 40 }, () => buildRoundStatus(round, progressFromCounts({ delivered: 5 }, { started: 2, completed: 2 }), [], 'nl', tz));
    const home = homeView(mine, statuses, t);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(home.blocks)).toContain('/zorgspiegel status');
    ok(home);
  });

  it('lists a round’s status with its actions, naming only who could not be reached', () => {
    const status = buildRoundStatus({ ...round, state: 'closed' }, progressFromCounts({ delivered: 4, undeliverable: 1 }, { started: 4, completed: 4 }), [{ platformUserId: 'U9', undeliverableReason: 'bot_blocked' }], 'nl', tz);
    const blocks = roundStatusListBlocks([status], t);
    const json = JSON.stringify(blocks);
    expect(json).toContain('<@U9>');
    expect(json).toContain(ACTIONS.round.publish);
    expect(json).toContain(ACTIONS.round.moderate);
    const publish = (blocks.flatMap((b) => ('elements' in b ? (b.elements as { action_id?: string; value?: string }[]) : [])).find((e) => e.action_id === ACTIONS.round.publish))!;
    expect(parseActionValue(publish.value)).toEqual({ r: round.id });
    ok({ blocks });
    const manyUnreachable = buildRoundStatus(round, progressFromCounts({ undeliverable: 300 }, { started: 0, completed: 0 }), Array.from({ length: 300 }, (_, i) => ({ platformUserId: `U${i}`, undeliverableReason: 'user_left' })), 'nl', tz);
    ok({ blocks: roundStatusListBlocks([manyUnreachable], t) });
  });

  it('pages the moderation queue and keeps each page and the editor within the limits', () => {
    const many = Array.from({ length: 45 }, (_, i) => quote(i, i === 3 ? 'x'.repeat(2000) : `Antwoord ${i}`));
    const view = buildModeration(round, many, 'nl');
    const first = moderationModal(view, 0, t);
    const last = moderationModal(view, 1, t);
    expect(JSON.stringify(first.blocks).match(new RegExp(`"${ACTIONS.quote.approve}"`, 'g'))).toHaveLength(QUOTES_PER_PAGE);
    expect(JSON.stringify(last.blocks)).toContain('Pagina 2 van 2');
    // "Approve this page" names exactly the page's pending answers.
    const approvePage = first.blocks.flatMap((b) => ('elements' in b ? (b.elements as { action_id?: string; value?: string }[]) : [])).find((e) => e.action_id === ACTIONS.quote.approvePage)!;
    expect(parseActionValue(approvePage.value)!.a).toEqual(view.quotes.slice(0, QUOTES_PER_PAGE).map((q) => q.id));
    // Publishing with unscreened answers asks first and carries the number it was told.
    const publish = first.blocks.flatMap((b) => ('elements' in b ? (b.elements as { action_id?: string; value?: string; confirm?: { text: { text: string } } }[]) : [])).find((e) => e.action_id === ACTIONS.round.publish)!;
    expect(parseActionValue(publish.value)).toEqual({ r: round.id, u: 45 });
    expect(publish.confirm!.text.text).toContain('45 open antwoorden');
    ok(first);
    ok(last);
    ok(quoteEditModal(view, view.quotes[3]!, 0, t));
  });

  it('builds the create-round, settings, help, notice and info views within the limits', () => {
    const modal = createRoundModal({ title: 'Leerzorg', closesAt: 1_800_000_000, dimensions: Array.from({ length: 12 }, (_, i) => ({ id: `D${i}`, title: `D${i}. ${'Een heel lange dimensietitel '.repeat(4)}` })), channelId: 'C1' }, t);
    expect(JSON.stringify(modal.blocks)).toContain('multi_static_select');
    ok(modal);
    ok(createRoundModal({ title: 'x', closesAt: 1_800_000_000, dimensions: [{ id: 'A', title: 'A' }] }, translator('en')));
    ok(settingsModal({ id: 'slack:T', platform: 'slack', externalId: 'T', settings: defaultTenantSettings({ coordinators: ['U1'] }), createdAt: new Date(), updatedAt: new Date() }, t));
    ok({ blocks: helpBlocks('nl', t, { isCoordinator: true }) });
    ok({ blocks: helpBlocks('en', translator('en'), { isCoordinator: false }) });
    ok(noticeModal({ lang: 'nl', text: 'x'.repeat(5000), tone: 'error' }, t));
    ok(anonymityModal('uitleg', t));
    expect(JSON.stringify(noticeBlocks({ lang: 'nl', text: 'Kijk na', tone: 'info', action: { id: 'moderate', label: 'Nalezen', roundId: 'r1' } }))).toContain(ACTIONS.round.moderate);
  });

  it('says the settings are this school’s (a workspace can hold several) and what the language is used for', () => {
    const tenant = { id: 'slack:T', platform: 'slack' as const, externalId: 'T', settings: defaultTenantSettings({ coordinators: ['U1'] }), createdAt: new Date(), updatedAt: new Date() };
    for (const lang of ['nl', 'en'] as const) {
      const text = JSON.stringify(settingsModal(tenant, translator(lang)).blocks);
      expect(text).not.toMatch(/hele werkruimte|whole workspace/);
      expect(text).toContain(translator(lang)('slack:settings.intro'));
      expect(text).toContain(translator(lang)('slack:settings.languageHint'));
    }
    expect(translator('nl')('slack:settings.languageHint')).toMatch(/teamkanaal.*coördinatoren/);
  });

  it('hints at the opening time with the school’s own hours for messages', () => {
    const modal = JSON.stringify(createRoundModal({ title: 'x', closesAt: 1_800_000_000, dimensions: [{ id: 'A', title: 'A' }], workingHours: 'Uitnodigingen en herinneringen gaan alleen op maandag tussen 07:30 en 16:00 uit.' }, t));
    expect(modal).toContain('Leeg laten om meteen te openen. Uitnodigingen en herinneringen gaan alleen op maandag tussen 07:30 en 16:00 uit.');
    expect(modal).not.toContain('8 en 18 uur');
  });
});
