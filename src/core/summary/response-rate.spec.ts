import { progressFromCounts } from '../participation';
import { responseRate } from './response-rate';

describe('responseRate', () => {
  it('reads the participation funnel: completed / invited, started but not completed', () => {
    // invited = 3 pending + 2 delivered + 4 started + 9 completed + 1 opted out + 1 undeliverable = 20
    const progress = progressFromCounts({ pending: 3, delivered: 2, started: 4, completed: 9, opted_out: 1, undeliverable: 1 });
    expect(responseRate(progress)).toEqual({ invited: 20, completed: 9, startedNotCompleted: 4, optedOut: 1, undeliverable: 1, rate: 9 / 20 });
  });

  it('has no rate when nobody was invited', () => {
    expect(responseRate(progressFromCounts({})).rate).toBeNull();
  });
});
