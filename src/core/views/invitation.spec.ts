import { loadQuestionnaire } from '../questionnaire/load';
import { buildInvitation, estimatedMinutes } from './invitation';

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
