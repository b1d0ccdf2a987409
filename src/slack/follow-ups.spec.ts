import { FollowUps } from './follow-ups';

describe('FollowUps', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs the first request at once and everything within the window once at its end, per key', async () => {
    const ran: string[] = [];
    const followUps = new FollowUps(() => undefined, 3_000);
    const work = (label: string) => async () => void ran.push(label);
    followUps.run('U1', work('U1 first'));
    followUps.run('U1', work('U1 second'));
    followUps.run('U1', work('U1 third'));
    followUps.run('U2', work('U2 first'));
    await Promise.resolve();
    expect(ran).toEqual(['U1 first', 'U2 first']);
    jest.advanceTimersByTime(3_000);
    await Promise.resolve();
    // Only the latest request of the window: it reads the state as it is then.
    expect(ran).toEqual(['U1 first', 'U2 first', 'U1 third']);
    jest.advanceTimersByTime(3_000);
    await Promise.resolve();
    expect(ran).toHaveLength(3);
    expect(followUps.size).toBe(0);
  });

  it('reports a failing refresh and keeps going', async () => {
    const errors: unknown[] = [];
    const followUps = new FollowUps((e) => errors.push(e), 1_000);
    followUps.run('U1', async () => {
      throw new Error('chat.update failed');
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    let ran = false;
    followUps.run('U1', async () => void (ran = true));
    expect(ran).toBe(true);
  });

  it('runs at most `concurrency` at a time; the others start as earlier ones finish', async () => {
    const followUps = new FollowUps(() => undefined, 3_000, 2);
    const finish: Record<string, () => void> = {};
    const started: string[] = [];
    for (const person of ['U1', 'U2', 'U3', 'U4']) {
      followUps.run(person, () => new Promise<void>((resolve) => {
        started.push(person);
        finish[person] = resolve;
      }));
    }
    expect(started).toEqual(['U1', 'U2']);
    expect(followUps.queued).toBe(2);
    finish.U2!();
    await Promise.resolve();
    await Promise.resolve();
    expect(started).toEqual(['U1', 'U2', 'U3']);
    finish.U1!();
    finish.U3!();
    for (let i = 0; i < 4; i++) await Promise.resolve();
    expect(started).toEqual(['U1', 'U2', 'U3', 'U4']);
    expect(followUps.queued).toBe(0);
  });
});
