/**
 * Anonymity rules. A figure computed from fewer than k respondents is withheld; a group breakdown
 * shows only groups of at least k, and also withholds groups that could be worked out by
 * subtracting the shown groups from the (shown) total.
 */
export type WithheldReason = 'too_few' | 'derivable';
export interface Withheld {
  status: 'withheld';
  reason: WithheldReason;
}
export type Figure<T> = ({ status: 'shown' } & T) | Withheld;

export const withheld = (reason: WithheldReason = 'too_few'): Withheld => ({ status: 'withheld', reason });

/** Computes the figure only when at least k respondents stand behind it. */
export function guard<T extends object>(respondents: number, k: number, compute: () => T): Figure<T> {
  return respondents >= k ? { status: 'shown', ...compute() } : withheld('too_few');
}

export function isShown<T>(f: Figure<T>): f is { status: 'shown' } & T {
  return f.status === 'shown';
}

/**
 * Decides which groups of a breakdown may be shown. `counts` has every group's respondent count,
 * including respondents who declared no group (pass them under any id in `neverShown`).
 * Returns the ids to show; all others are withheld with the reason given.
 */
export function visibleGroups(
  counts: Record<string, number>,
  k: number,
  neverShown: readonly string[] = [],
): { shown: string[]; withheld: Record<string, WithheldReason> } {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const result: Record<string, WithheldReason> = {};
  if (total < k) {
    for (const id of Object.keys(counts)) result[id] = 'too_few';
    return { shown: [], withheld: result };
  }
  let shown = Object.entries(counts).filter(([id, n]) => n >= k && !neverShown.includes(id));
  for (const [id, n] of Object.entries(counts)) if (!shown.some(([s]) => s === id) && n > 0) result[id] = 'too_few';
  let remainder = total - shown.reduce((a, [, n]) => a + n, 0);
  // The total is shown, so total − shown groups = the withheld ones. If that remainder is a
  // handful of people (0 < r < k), hide the smallest shown group too, until it is safe.
  shown.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  while (remainder > 0 && remainder < k && shown.length > 0) {
    const [id, n] = shown.shift()!;
    result[id] = 'derivable';
    remainder += n;
  }
  // A lone shown group next to a remainder is still fine: the remainder has ≥ k people.
  shown = shown.sort((a, b) => a[0].localeCompare(b[0]));
  return { shown: shown.map(([id]) => id), withheld: result };
}
