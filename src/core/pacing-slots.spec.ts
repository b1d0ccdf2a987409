import { claimSlots, EMPTY_PACING_STATE, laterAt, pauseState, slotAt, type PacingState, type SlotRequest } from './pacing-slots';

/** 10 per second (interval 100 ms), a burst of 5. */
const request = (now: number, count = 1, horizonMs = 5_000): SlotRequest => ({ count, intervalMs: 100, burst: 5, now, horizonMs });

/** Books `n` claims of `count` slots each at `now`, as several processes would one after another. */
function book(state: PacingState, claims: Array<{ now: number; count: number }>): { slots: number[]; state: PacingState } {
  const slots: number[] = [];
  for (const c of claims) {
    const { window, next } = claimSlots(state, request(c.now, c.count));
    for (let k = 0; k < window.granted; k++) slots.push(slotAt(window, k));
    state = next;
  }
  return { slots, state };
}

describe('pacing slot arithmetic', () => {
  it('lets a burst through after idling, then one slot per interval', () => {
    const { slots } = book(EMPTY_PACING_STATE, Array.from({ length: 8 }, () => ({ now: 0, count: 1 })));
    expect(slots).toEqual([0, 0, 0, 0, 0, 100, 200, 300]);
  });

  it('gives a batch the same slots as the same number of single claims', () => {
    const singles = book(EMPTY_PACING_STATE, Array.from({ length: 12 }, () => ({ now: 0, count: 1 })));
    const batches = book(EMPTY_PACING_STATE, [
      { now: 0, count: 3 },
      { now: 0, count: 7 },
      { now: 0, count: 2 },
    ]);
    expect(batches.slots).toEqual(singles.slots);
    expect(batches.state).toEqual(singles.state);
  });

  it('never books more than the burst plus the rate in any window, however claims interleave', () => {
    // Three claimers asking for batches of different sizes at moving times.
    const claims = Array.from({ length: 60 }, (_, i) => ({ now: i * 37, count: 1 + (i % 3) * 4 }));
    const { slots } = book(EMPTY_PACING_STATE, claims);
    for (const start of slots) {
      const inSecond = slots.filter((s) => s >= start && s < start + 1000).length;
      expect(inSecond).toBeLessThanOrEqual(10 + 5);
    }
    expect(slots).toEqual([...slots].sort((a, b) => a - b));
  });

  it('books nothing beyond the horizon and says when a slot would be free', () => {
    const full = book(EMPTY_PACING_STATE, [{ now: 0, count: 100 }]).state;
    const { window, next } = claimSlots(full, request(0, 4, 1_000));
    expect(window.granted).toBe(0);
    expect(window.first).toBe(100 * 100 - 400);
    // Nothing booked; the four are told to come back one interval apart, and the next ones after them.
    expect(next).toEqual({ ...full, nextLater: window.first + 4 * 100 });
    expect([0, 1, 2, 3].map((k) => laterAt(window, k))).toEqual([9600, 9700, 9800, 9900]);
    expect(laterAt(claimSlots(next, request(0, 1, 1_000)).window, 0)).toBe(10_000);
  });

  it('a pause holds every slot until its end, then allows the burst again', () => {
    const busy = book(EMPTY_PACING_STATE, [{ now: 0, count: 50 }]).state;
    const paused = pauseState(busy, 1_000, 0);
    expect(paused.generation).toBe(busy.generation + 1);
    expect(book(paused, [{ now: 500, count: 7 }]).slots).toEqual([1000, 1000, 1000, 1000, 1000, 1100, 1200]);
    // A second 429 from the same throttle (ending no later) changes nothing.
    expect(pauseState(paused, 900, 10)).toBe(paused);
  });

  it('keeps a conversation to one message per second (burst 1)', () => {
    let state = EMPTY_PACING_STATE;
    const slots = [0, 0, 0].map(() => {
      const { window, next } = claimSlots(state, { count: 1, intervalMs: 1000, burst: 1, now: 0, horizonMs: 5_000 });
      state = next;
      return slotAt(window, 0);
    });
    expect(slots).toEqual([0, 1000, 2000]);
  });

  it('three processes booking batches ahead, sending up to the late allowance after their slots: never above rate × window + burst in any window', () => {
    // Teams: 15 per second, tenantBurst 7 = booked burst 4 + a late allowance of 3 intervals
    // (src/orchestration/pacing.ts). A seeded generator plays three processes that claim batches
    // of 1–6 slots at moments of their own (now and then after an idle spell, so bursts happen),
    // within a horizon, and send half of the slots the whole allowance late (a lagging event
    // loop; a slot that would go later is booked again). Sent 4× the allowance late, it fails.
    const intervalMs = 1000 / 15;
    const burst = 7;
    const late = 3;
    let seed = 17;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let state = EMPTY_PACING_STATE;
    const clocks = [0, 0, 0];
    const sends: number[] = [];
    for (let claim = 0; claim < 3_000; claim++) {
      const p = claim % 3;
      clocks[p]! = Math.max(...clocks) + (random() < 0.03 ? 600 : random() * 60);
      const { window, next } = claimSlots(state, { count: 1 + Math.floor(random() * 6), intervalMs, burst: burst - late, now: clocks[p]!, horizonMs: 250 });
      state = next;
      for (let k = 0; k < window.granted; k++) sends.push(slotAt(window, k) + (random() < 0.5 ? late * intervalMs : 0));
    }
    sends.sort((a, b) => a - b);
    expect(sends.length).toBeGreaterThan(1_000);
    for (const windowMs of [1_000, 5_000]) {
      let busiest = 0;
      for (let lo = 0, hi = 0; hi < sends.length; hi++) {
        while (sends[hi]! - sends[lo]! >= windowMs) lo++;
        busiest = Math.max(busiest, hi - lo + 1);
      }
      expect(busiest).toBeLessThanOrEqual((15 * windowMs) / 1000 + burst);
      // ...and the bound is met, not far off: the processes use the rate.
      expect(busiest).toBeGreaterThanOrEqual((15 * windowMs) / 1000);
    }
  });
});
