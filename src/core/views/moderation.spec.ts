import type { Quote } from '../ports';
import { makeRound } from '../testing/fixtures';
import { buildModeration } from './moderation';

const quote = (i: number, status: Quote['status'] = 'pending'): Quote => ({
  id: `q${i}`, roundId: 'round-1', itemId: 'X-strengths', section: 'X', text: `Antwoord ${i}`, status, themes: [], order: i, createdAt: new Date(0), updatedAt: new Date(0),
});

describe('buildModeration', () => {
  it('with screening: counts the answers waiting and says only approved ones are shared', () => {
    const view = buildModeration(makeRound({ moderation: true }), [quote(1), quote(2), quote(3, 'approved')], 'nl');
    expect(view.pending).toBe(2);
    expect(view.intro).toContain('Alleen goedgekeurde antwoorden');
  });

  it('without screening: nothing waits, and it says every answer not hidden is shared (visibleQuotes), in both languages', () => {
    for (const lang of ['nl', 'en'] as const) {
      const view = buildModeration(makeRound({ moderation: false }), [quote(1), quote(2), quote(3, 'hidden')], lang);
      expect(view.pending).toBe(0);
      expect(view.intro).not.toMatch(/Alleen goedgekeurde|Only approved|wacht|waiting/);
    }
    expect(buildModeration(makeRound({ moderation: false }), [quote(1)], 'nl').intro).toContain('elk antwoord dat je hier niet verbergt');
    expect(buildModeration(makeRound({ moderation: false }), [quote(1)], 'en').intro).toContain('every answer you do not hide here');
  });
});
