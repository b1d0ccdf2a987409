import type { ActionInput } from '../../core/actions/validate';
import { blockState, stateString, type ViewState } from '../schema';
import { ACTION_BLOCKS, BALLOT_BLOCKS } from './presenters';

/** The chosen option ids of the ballot modal (the core checks them). */
export function parseBallot(state: ViewState): string[] {
  return (blockState(state, BALLOT_BLOCKS.choices)?.selected_options ?? []).map((o) => o.value);
}

/** The action modal as the core's input; what is valid is the core's to say. */
export function parseActionForm(state: ViewState): ActionInput & { status?: string; statusNote?: string } {
  const owner = blockState(state, ACTION_BLOCKS.owner) as { selected_user?: string | null } | undefined;
  const due = blockState(state, ACTION_BLOCKS.due) as { selected_date?: string | null } | undefined;
  const status = stateString(blockState(state, ACTION_BLOCKS.status));
  const note = blockState(state, ACTION_BLOCKS.statusNote);
  return {
    workPointId: stateString(blockState(state, ACTION_BLOCKS.workPoint)),
    what: stateString(blockState(state, ACTION_BLOCKS.what)),
    ownerUserId: owner?.selected_user ?? '',
    ownerGroup: stateString(blockState(state, ACTION_BLOCKS.ownerGroup)),
    dueDate: due?.selected_date ?? '',
    successSign: stateString(blockState(state, ACTION_BLOCKS.success)),
    ...(status ? { status } : {}),
    ...(note ? { statusNote: stateString(note) } : {}),
  };
}

/** The block that shows a core error about an action field. */
export function actionFieldBlock(field: string | undefined): string {
  if (field === 'owner') return ACTION_BLOCKS.owner;
  const known = Object.values(ACTION_BLOCKS) as string[];
  return field && known.includes(field) ? field : ACTION_BLOCKS.what;
}
