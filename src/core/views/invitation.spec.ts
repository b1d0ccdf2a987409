import { loadQuestionnaire } from '../questionnaire/load';
import { plainDates } from './date-mention';
import { buildInvitation, estimatedMinutes, invitationState } from './invitation';

const questionnaire = loadQuestionnaire();
const all = questionnaire.dimensions.map((d) => d.id);
const shape = (depth: 'quick' | 'detailed', includeReflection: boolean, dimensionIds = all) => ({ questionnaire, dimensionIds, depth, includeReflection });

describe('estimatedMinutes', () => {
  it('follows the round’s content: a quick round takes minutes, a detailed one with reflection about twenty', () => {
    expect(estimatedMinutes(shape('quick', false))).toBeLessThanOrEqual(6);
    expect(estimatedMinutes(shape('quick', false, ['A1']))).toBe(2);
    expect(estimatedMinutes(shape('detailed', true))).toBeGreaterThanOrEqual(15);
    expect(estimatedMinutes(shape('detailed', false, ['A1', 'B']))).toBeLessThan(estimatedMinutes(shape('detailed', false)));
  });

  it('is what the invitation says', () => {
    const round = { id: 'r', title: 'T', closesAt: new Date('2026-03-20T16:00:00Z'), anonymityThreshold: 5, ...shape('quick', false, ['A1', 'B']) };
    expect(buildInvitation(round, 'nl', 'Europe/Brussels').duration).toContain(`ongeveer ${estimatedMinutes(round)} minuten`);
  });
});

describe('invitationState', () => {
  const round = { state: 'open' as const, closesAt: new Date('2026-03-20T16:00:00Z'), ...shape('quick', false, ['A1']) };
  const now = new Date('2026-03-10T09:00:00Z');

  it('is under way once a section is saved or something was typed and paused on, not before', () => {
    expect(invitationState(round, 'delivered', [], now)).toBe('todo');
    expect(invitationState(round, 'delivered', [], now, true)).toBe('in_progress');
    expect(invitationState(round, 'delivered', ['A1'], now)).toBe('completed');
  });
});

describe('an ended round’s invitation', () => {
  const round = { id: 'r', title: 'T', closesAt: new Date('2026-03-20T16:00:00Z'), anonymityThreshold: 5, ...shape('quick', false, ['A1']) };

  it('cancelled: says so, promises no summary and does not thank for a round that ended without one, in both languages', () => {
    const now = new Date('2026-03-10T09:00:00Z');
    expect(invitationState({ ...round, state: 'cancelled', includeReflection: false }, 'delivered', [], now)).toBe('cancelled');
    const nl = buildInvitation(round, 'nl', 'Europe/Brussels', 'cancelled');
    expect(nl.closedLine).toContain('geannuleerd');
    expect(nl.closedLine).not.toContain('afgesloten');
    expect(nl.afterwards).not.toContain('delen we de belangrijkste trends');
    expect(nl.afterwards).toContain('geen samenvatting');
    expect(plainDates(nl.closes)).toBe('De bevraging zou vrijdag 20 maart om 17:00 sluiten, maar werd geannuleerd.');
    expect(nl.offers).toEqual({ start: false, optOut: false });
    const en = buildInvitation(round, 'en', 'Europe/Brussels', 'cancelled');
    expect(en.closedLine).toContain('cancelled');
    expect(en.afterwards).toContain('no summary');
  });

  it('closed early: says when it closed, not a closing moment still ahead', () => {
    const view = buildInvitation({ ...round, closedAt: new Date('2026-03-12T10:00:00Z') }, 'nl', 'Europe/Brussels', 'closed');
    expect(plainDates(view.closes)).toBe('De bevraging sloot donderdag 12 maart om 11:00.');
    expect(view.closedLine).toContain('afgesloten');
    expect(view.afterwards).toContain('delen we de belangrijkste trends');
  });
});
