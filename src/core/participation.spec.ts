import { advances, PARTICIPATION_STATUSES, progressFromCounts, REMINDABLE, type ParticipationStatus } from './participation';

describe('advances', () => {
  // Hand-written table: may a participation in the row status move to the column status?
  // Status only moves forward along pending → delivered → started → completed; anyone may opt
  // out; an opted-out person may still start and complete after all; an undeliverable invitation
  // only moves on when the person starts anyway (e.g. from App Home), and a late failure never
  // overwrites a delivered invitation.
  const TABLE: Record<ParticipationStatus, Record<ParticipationStatus, boolean>> = {
    //            pending  delivered started completed opted_out undeliverable
    pending:       { pending: false, delivered: true,  started: true,  completed: true,  opted_out: true,  undeliverable: true },
    delivered:     { pending: false, delivered: false, started: true,  completed: true,  opted_out: true,  undeliverable: false },
    started:       { pending: false, delivered: false, started: false, completed: true,  opted_out: true,  undeliverable: false },
    completed:     { pending: false, delivered: false, started: false, completed: false, opted_out: true,  undeliverable: false },
    opted_out:     { pending: false, delivered: false, started: true,  completed: true,  opted_out: false, undeliverable: false },
    undeliverable: { pending: false, delivered: false, started: true,  completed: true,  opted_out: true,  undeliverable: false },
  };

  const pairs = PARTICIPATION_STATUSES.flatMap((from) => PARTICIPATION_STATUSES.map((to) => [from, to, TABLE[from][to]] as const));

  it('covers all 36 pairs', () => expect(pairs).toHaveLength(36));

  it.each(pairs)('%s → %s: %s', (from, to, expected) => {
    expect(advances(from, to)).toBe(expected);
  });

  it('never "advances" to the same status (a repeated event is a no-op)', () => {
    for (const s of PARTICIPATION_STATUSES) expect(advances(s, s)).toBe(false);
  });

  it('reminds only people who received the invitation and did not finish', () => {
    expect([...REMINDABLE].sort()).toEqual(['delivered', 'started']);
  });
});

describe('progressFromCounts', () => {
  it('reads as a funnel', () => {
    const progress = progressFromCounts({ pending: 2, delivered: 3, started: 4, completed: 5, opted_out: 1, undeliverable: 2 });
    expect(progress).toEqual({
      invited: 17, // 2 + 3 + 4 + 5 + 1 + 2
      pending: 2,
      delivered: 13, // 3 delivered + 4 started + 5 completed + 1 opted out: their invitation arrived
      started: 9, // 4 started + 5 completed
      completed: 5,
      optedOut: 1,
      undeliverable: 2,
    });
  });

  it('treats missing statuses as zero', () => {
    expect(progressFromCounts({})).toEqual({ invited: 0, pending: 0, delivered: 0, started: 0, completed: 0, optedOut: 0, undeliverable: 0 });
    expect(progressFromCounts({ completed: 3 })).toEqual({ invited: 3, pending: 0, delivered: 3, started: 3, completed: 3, optedOut: 0, undeliverable: 0 });
  });
});
