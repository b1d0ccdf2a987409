import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../context';
import { ACTIONS } from '../../ids';
import { BLOCK_KIT } from '../../limits';
import { option } from '../../presenters/blocks';

/**
 * The user-group picker of the create-round modal, filled from usergroups.list as the
 * coordinator types. An external select because the list may be long and changes over time.
 */
export function registerUsergroupOptions(app: App, deps: SlackDeps): void {
  app.options(ACTIONS.usergroupSelect, async ({ ack, body, client }) => {
    try {
      const query = (typeof body.value === 'string' ? body.value : '').toLowerCase();
      const res = await client.usergroups.list({ include_disabled: false });
      const options = (res.usergroups ?? [])
        .filter((g) => g.id && (!query || `${g.name ?? ''} ${g.handle ?? ''}`.toLowerCase().includes(query)))
        .slice(0, BLOCK_KIT.selectOptions)
        .map((g) => option(g.name ?? g.handle ?? g.id!, g.id!, g.handle ? `@${g.handle}` : undefined));
      await ack({ options });
    } catch (e) {
      deps.logger.warn({ err: e }, 'could not list user groups');
      await ack({ options: [] });
    }
  });
}
