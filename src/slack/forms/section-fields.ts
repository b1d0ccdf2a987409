import { stateString, type ViewState } from '../schema';

/**
 * A section modal's state as the flat fields `submitSection` takes: block_id → value. Every input
 * of the page is included, an emptied one as '' so clearing an earlier answer clears it.
 */
export function sectionFields(state: ViewState, inputBlockIds: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const blockId of inputBlockIds) {
    const block = state[blockId];
    fields[blockId] = block ? stateString(Object.values(block)[0]) : '';
  }
  return fields;
}
