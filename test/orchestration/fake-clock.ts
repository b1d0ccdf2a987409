import type { Clock } from '../../src/core/ports';

/**
 * A controllable clock. `sleep` is virtual: it moves the clock forward to the moment the sleeper
 * asked for (never backwards), on the next turn of the event loop, so pacing waits cost no real
 * time and everything that reads the clock (runner, pacer, fake platform) agrees on "now".
 */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date) {
    this.t = start.getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date): void {
    if (at.getTime() > this.t) this.t = at.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
  readonly sleep = (ms: number): Promise<void> => {
    const target = this.t + Math.max(0, ms);
    return new Promise((resolve) =>
      setImmediate(() => {
        this.t = Math.max(this.t, target);
        resolve();
      }),
    );
  };
}
