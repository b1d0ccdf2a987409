/**
 * The slot arithmetic of send pacing, shared by every process through one stored state per key
 * (a tenant, or a conversation inside it). It is GCRA — the "virtual scheduling" form of a token
 * bucket: `tat` is the theoretical arrival time of the next send at the full rate, and a send may
 * go `tolerance` before it, which is what lets a bucket that has been idle send a burst.
 *
 * A claim books `count` consecutive slots at once (a process asks for as many as it has sends
 * waiting), so three processes sharing a tenant make one round trip per batch, not per send,
 * and together never book more than the rate allows. The store applies exactly this arithmetic
 * in one atomic update (src/store/repositories/pacing-repository.ts) and hands back the state
 * before it; `claimSlots` then tells the claimer which moments it got.
 */

/** What is stored per key. Times are epoch milliseconds. */
export interface PacingState {
  /** Theoretical arrival time of the next slot at the full rate. */
  tat: number;
  /** A 429's retry-after: no slot before this moment. */
  pausedUntil: number;
  /** Bumped by every pause that moved `pausedUntil` later: slots booked before it are void. */
  generation: number;
  /**
   * The come-back moment after the last one handed to a send that got no slot (one interval
   * apart): a backlog told "later" returns spread at the rate, in its order, instead of all at
   * once. Only a hint for when to ask again — it books nothing.
   */
  nextLater: number;
}

export interface SlotRequest {
  /** How many consecutive slots to book. */
  count: number;
  /** How many of them are for sends waiting now (the rest stock a reserve): beyond the horizon, only these are told "later" (default count). */
  waiting?: number;
  /** 1000 / the allowed rate per second. */
  intervalMs: number;
  /** How many sends may go back to back after the key has been idle (≥ 1). */
  burst: number;
  now: number;
  /** Book nothing when the first slot would be further away than this (the job waits instead). */
  horizonMs: number;
}

/** The slots one claim got: `slotAt(window, k)` for k < granted. */
export interface SlotWindow {
  /** The first slot's moment; when nothing was granted, the first moment a slot would be free. */
  first: number;
  /** When nothing was granted: send k of the claim comes back at laterAt + k × interval. */
  laterAt: number;
  /** The virtual time of the first slot (≥ first); slot k is due at base + k × interval − tolerance. */
  base: number;
  granted: number;
  intervalMs: number;
  toleranceMs: number;
  generation: number;
  pausedUntil: number;
}

export const EMPTY_PACING_STATE: PacingState = { tat: 0, pausedUntil: 0, generation: 0, nextLater: 0 };

export function toleranceMs(intervalMs: number, burst: number): number {
  return (Math.max(1, burst) - 1) * intervalMs;
}

/** Books `count` slots on `state` (or none, beyond the horizon): the window got and the next state. */
export function claimSlots(state: PacingState, request: SlotRequest): { window: SlotWindow; next: PacingState } {
  const tolerance = toleranceMs(request.intervalMs, request.burst);
  const first = Math.max(request.now, state.tat - tolerance, state.pausedUntil);
  const granted = first <= request.now + request.horizonMs ? request.count : 0;
  const base = Math.max(state.tat, first);
  const laterAt = Math.max(state.nextLater, first);
  const next = granted > 0 ? { ...state, tat: base + granted * request.intervalMs } : { ...state, nextLater: laterAt + (request.waiting ?? request.count) * request.intervalMs };
  return { window: { first, laterAt, base, granted, intervalMs: request.intervalMs, toleranceMs: tolerance, generation: state.generation, pausedUntil: state.pausedUntil }, next };
}

/** When nothing was granted: the moment send `k` (0-based) of the claim should ask again. */
export function laterAt(window: SlotWindow, k: number): number {
  return window.laterAt + k * window.intervalMs;
}

/** The moment of slot `k` (0-based) of a window. */
export function slotAt(window: SlotWindow, k: number): number {
  return Math.max(window.first, window.base + k * window.intervalMs - window.toleranceMs);
}

/**
 * The platform said "retry after": nothing goes until `until`. The bucket counts as empty at the
 * moment of the 429 and refills during the pause, as the platform's does, so the sends held back
 * may go as one burst once it is over. A pause that ends no later than the current one changes
 * nothing (several sends meet the same throttle).
 */
export function pauseState(state: PacingState, until: number, now: number): PacingState {
  if (until <= state.pausedUntil) return state;
  return { tat: now, pausedUntil: until, generation: state.generation + 1, nextLater: 0 };
}
