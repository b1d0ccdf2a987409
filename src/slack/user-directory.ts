import type { Logger } from '../log';
import type { WebClient } from './slack-types';

export interface SlackUserInfo {
  id: string;
  isBot: boolean;
  deleted: boolean;
  /** "nl-NL", "en-US"; undefined when Slack does not say. */
  locale?: string;
  name?: string;
}

const TTL_MS = 60 * 60 * 1000;

/**
 * users.info (with include_locale) behind a small cache: a person's language is needed on every
 * click, and Slack allows users.info ~100 calls a minute (Tier 4). An hour is short enough that a
 * changed Slack language is picked up the same day.
 */
export class UserDirectory {
  private readonly cache = new Map<string, { info: SlackUserInfo; at: number }>();
  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async get(client: WebClient, teamId: string, userId: string): Promise<SlackUserInfo | undefined> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.info;
    const res = await client.users.info({ user: userId, include_locale: true });
    const u = res.user;
    if (!u) return undefined;
    const info: SlackUserInfo = {
      id: userId,
      isBot: Boolean(u.is_bot) || userId === 'USLACKBOT' || Boolean(u.is_app_user),
      deleted: Boolean(u.deleted),
      locale: typeof u.locale === 'string' ? u.locale : undefined,
      name: u.profile?.display_name || u.real_name || u.name,
    };
    this.cache.set(key, { info, at: this.now() });
    return info;
  }

  /** The user's Slack locale, or undefined when it cannot be read (the tenant's language is used). */
  async locale(client: WebClient, teamId: string, userId: string): Promise<string | undefined> {
    try {
      return (await this.get(client, teamId, userId))?.locale;
    } catch (e) {
      this.logger.warn({ err: e, userId }, 'users.info failed; using the workspace language');
      return undefined;
    }
  }
}
