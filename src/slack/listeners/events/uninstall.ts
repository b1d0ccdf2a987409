import type { App, InstallationStore } from '@slack/bolt';
import type { SlackDeps } from '../../context';

/**
 * The app was removed from a workspace, or its tokens were revoked: forget the installation
 * (multi-workspace mode) so nothing tries to use a dead token. The tenant and its rounds stay —
 * results belong to the school, and a re-install picks them up again.
 */
export function registerUninstall(app: App, deps: SlackDeps, store: InstallationStore | undefined): void {
  const forget = async (teamId: string | undefined, enterpriseId: string | undefined, why: string) => {
    deps.logger.warn({ teamId, why }, 'Slack app uninstalled or tokens revoked');
    if (!store?.deleteInstallation || !teamId) return;
    await store.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall: false }).catch((err: unknown) => deps.logger.warn({ err }, 'could not remove the installation'));
  };
  app.event('app_uninstalled', async ({ context }) => forget(context.teamId, context.enterpriseId, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, context }) => {
    if (event.tokens.bot?.length) await forget(context.teamId, context.enterpriseId, 'tokens_revoked');
  });
}
