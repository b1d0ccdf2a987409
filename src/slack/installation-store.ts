import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Clock, InstallationRepository } from '../core/ports';
import type { TenantService } from '../core/services/tenant-service';
import type { Logger } from '../log';

/** Installations of the Slack app live under this platform name in `repos.installations`. */
export const SLACK_INSTALLATIONS = 'slack';

/** One installation per workspace (or per Enterprise Grid org for an org-wide install). */
export function installationKey(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `enterprise:${q.enterpriseId}`;
  if (q.teamId) return `team:${q.teamId}`;
  throw new Error('a Slack installation needs a team id or an enterprise id');
}

/**
 * Bolt's InstallationStore on MongoDB (multi-workspace mode). Storing an installation also
 * creates the workspace's tenant with the installer as its first coordinator; a re-install keeps
 * the tenant's settings (TenantService.ensure never overwrites them).
 *
 * The bot token is stored as Slack returns it, like every Bolt installation store does: the
 * database must be protected as the tokens are (see "Set up in Slack" in README.md).
 */
export function createInstallationStore(deps: { installations: InstallationRepository; tenants: TenantService; clock: Clock; logger: Logger }): InstallationStore {
  return {
    async storeInstallation(installation) {
      const isEnterpriseInstall = Boolean(installation.isEnterpriseInstall);
      const teamId = installation.team?.id;
      const enterpriseId = installation.enterprise?.id;
      const key = installationKey({ teamId, enterpriseId, isEnterpriseInstall });
      await deps.installations.save(SLACK_INSTALLATIONS, key, JSON.parse(JSON.stringify(installation)) as Record<string, unknown>, deps.clock.now());
      const externalId = teamId ?? enterpriseId!;
      await deps.tenants.ensure('slack', externalId, { name: installation.team?.name ?? installation.enterprise?.name, installerId: installation.user.id });
      deps.logger.info({ key }, 'Slack app installed');
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const found = await deps.installations.get(SLACK_INSTALLATIONS, key);
      if (!found) throw new Error(`no Slack installation for ${key}`);
      return found as unknown as Installation<'v1' | 'v2', boolean>;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      await deps.installations.delete(SLACK_INSTALLATIONS, installationKey(query));
      deps.logger.info({ key: installationKey(query) }, 'Slack installation removed');
    },
  };
}
