import { advances, PARTICIPATION_STATUSES, progressFromCounts, REJOINS_FROM, REMINDABLE, type ParticipationStatus } from './participation';

describe('advances', () => {
  // Hand-written table: may a delivery (or a decline) move a participation in the row status to
  // the column status? Deliveries only move forward, pending → delivered or undeliverable; a late
  // failure never overwrites a delivered invitation; anyone may decline.
  const TABLE: Record<ParticipationStatus, Record<ParticipationStatus, boolean>> = {
    //            pending  delivered  opted_out  undeliverable
    pending:       { pending: false, delivered: true,  opted_out: true,  undeliverable: true },
    delivered:     { pending: false, delivered: false, opted_out: true,  undeliverable: false },
    opted_out:     { pending: false, delivered: false, opted_out: false, undeliverable: false },
    undeliverable: { pending: false, delivered: false, opted_out: true,  undeliverable: false },
  };

  const pairs = PARTICIPATION_STATUSES.flatMap((from) => PARTICIPATION_STATUSES.map((to) => [from, to, TABLE[from][to]] as const));

  it('covers all 16 pairs', () => expect(pairs).toHaveLength(16));

  it.each(pairs)('%s → %s: %s', (from, to, expected) => {
    expect(advances(from, to)).toBe(expected);
  });

  it('never "advances" to the same status (a repeated event is a no-op)', () => {
    for (const s of PARTICIPATION_STATUSES) expect(advances(s, s)).toBe(false);
  });

  it('stores nothing about how far a person got: no "started" or "completed" per person', () => {
    expect([...PARTICIPATION_STATUSES].sort()).toEqual(['delivered', 'opted_out', 'pending', 'undeliverable']);
  });

  it('lets only an answer of the person revive an invitation that had not arrived, failed or was declined', () => {
    expect([...REJOINS_FROM].sort()).toEqual(['opted_out', 'pending', 'undeliverable']);
  });

  it('sends reminder rounds to every delivered invitation (who finished is for the response to say)', () => {
    expect([...REMINDABLE]).toEqual(['delivered']);
  });
});

describe('progressFromCounts', () => {
  it('reads as a funnel: invitations from their statuses, started and completed from the responses', () => {
    const progress = progressFromCounts({ pending: 2, delivered: 12, opted_out: 1, undeliverable: 2 }, { started: 9, completed: 5 });
    expect(progress).toEqual({
      invited: 17, // 2 + 12 + 1 + 2
      pending: 2,
      delivered: 13, // 12 delivered + 1 opted out: their invitation arrived
      started: 9,
      completed: 5,
      optedOut: 1,
      undeliverable: 2,
    });
  });

  it('treats missing statuses as zero', () => {
    expect(progressFromCounts({}, { started: 0, completed: 0 })).toEqual({ invited: 0, pending: 0, delivered: 0, started: 0, completed: 0, optedOut: 0, undeliverable: 0 });
    expect(progressFromCounts({ delivered: 3 }, { started: 3, completed: 3 })).toEqual({ invited: 3, pending: 0, delivered: 3, started: 3, completed: 3, optedOut: 0, undeliverable: 0 });
  });
});
