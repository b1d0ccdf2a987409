/**
 * A short, typeable reference to a round ("3f2a9c1b") for `/zorgspiegel close 3f2a9c1b`: the
 * first characters of its id, which is a random UUID. Commands accept any unambiguous prefix.
 */
export const ROUND_REF_LENGTH = 8;

export function roundRef(roundId: string): string {
  return roundId.replace(/-/g, '').slice(0, ROUND_REF_LENGTH);
}

export function matchesRoundRef(roundId: string, ref: string): boolean {
  const wanted = ref.trim().toLowerCase().replace(/-/g, '');
  return wanted.length >= 4 && roundId.replace(/-/g, '').toLowerCase().startsWith(wanted);
}
