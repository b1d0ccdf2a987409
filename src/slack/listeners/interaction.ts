import type { Actor } from '../../core/services';
import { describeFailure, resolveActor, teamIdOf, type SlackDeps } from '../context';
import { parseActionValue, type ActionValue } from '../schema';
import type { WebClient } from '../slack-types';

/** The parts of a block-action payload every action listener reads. */
export interface ClickPayload {
  teamId: string;
  userId: string;
  value: ActionValue;
  triggerId?: string;
  responseUrl?: string;
  /** Set when the button sits in a modal. */
  view?: { id: string; hash?: string; rootViewId?: string; privateMetadata?: string };
  /** The button sits on the App Home tab (a view, but not one to replace with a modal). */
  fromHome: boolean;
}

interface RawClick {
  user?: { id?: string };
  trigger_id?: string;
  response_url?: string;
  view?: { id?: string; type?: string; hash?: string; root_view_id?: string | null; private_metadata?: string };
  actions?: { value?: string; selected_option?: { value?: string } }[];
}

/** Reads a click; undefined (logged) when the payload is not one of ours. */
export function readClick(deps: Pick<SlackDeps, 'logger'>, context: { teamId?: string; enterpriseId?: string }, body: unknown): ClickPayload | undefined {
  const b = body as RawClick;
  const teamId = teamIdOf(context, body);
  const userId = b.user?.id;
  const action = b.actions?.[0];
  const value = parseActionValue(action?.value ?? action?.selected_option?.value);
  if (!teamId || !userId || !value) {
    deps.logger.warn({ hasTeam: Boolean(teamId), hasUser: Boolean(userId), hasValue: Boolean(value) }, 'unexpected block action payload');
    return undefined;
  }
  return {
    teamId,
    userId,
    value,
    triggerId: b.trigger_id,
    responseUrl: b.response_url,
    fromHome: b.view?.type === 'home',
    ...(b.view?.id && b.view.type !== 'home' ? { view: { id: b.view.id, hash: b.view.hash, rootViewId: b.view.root_view_id ?? undefined, privateMetadata: b.view.private_metadata } } : {}),
  };
}

export async function clickActor(deps: SlackDeps, client: WebClient, click: ClickPayload): Promise<Actor> {
  return resolveActor(deps, client, { teamId: click.teamId, userId: click.userId }, { roundId: click.value.r, schoolId: click.value.t });
}

export { describeFailure };
