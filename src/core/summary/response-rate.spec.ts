import { progressFromCounts } from '../participation';
import { responseRate } from './response-rate';

describe('responseRate', () => {
  it('reads the participation funnel: completed / invited, started but not completed', () => {
    // invited = 3 pending + 15 delivered + 1 opted out + 1 undeliverable = 20; 13 responses started, 9 complete
    const progress = progressFromCounts({ pending: 3, delivered: 15, opted_out: 1, undeliverable: 1 }, { started: 13, completed: 9 });
    expect(responseRate(progress)).toEqual({ invited: 20, completed: 9, startedNotCompleted: 4, optedOut: 1, undeliverable: 1, rate: 9 / 20 });
  });

  it('has no rate when nobody was invited', () => {
    expect(responseRate(progressFromCounts({}, { started: 0, completed: 0 })).rate).toBeNull();
  });
});
