import type { Lang } from '../core/questionnaire/schema';
import type { Services } from '../core/services';
import type { QuietHours } from '../core/tenant';
import type { Logger } from '../log';
import { BotClient, type BotEndpoint, type InvokeResult, type Locale } from './bot-client';
import { ConversationStore, type StoredActivity } from './connector/conversation-store';
import { coordinatorOf, personalConversationId, type Persona, type School } from './school';

/** The playground school may be visited at night or at the weekend: no quiet hours. */
export const PLAYGROUND_QUIET_HOURS: QuietHours = { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] };

export function localeOf(lang: Lang): Locale {
  return lang === 'en' ? 'en-GB' : 'nl-BE';
}

export type Where = 'personal' | 'channel';

/**
 * One simulated school talking to the bot: the conversations the connector keeps, the client
 * that sends activities, and the installs that make the school known to the bot. The team
 * install happens at start-up and is retried on the next page request if the bot was not ready.
 */
export class PlaygroundSession {
  readonly store: ConversationStore;
  readonly bot: BotClient;
  private teamInstall: Promise<void> | undefined;
  private readonly personalInstalls = new Map<string, Promise<void>>();

  constructor(
    readonly school: School,
    endpoint: () => BotEndpoint,
    private readonly deps: { services: Services; logger: Logger; defaultLang: Lang; fetchImpl?: typeof fetch },
  ) {
    this.store = new ConversationStore();
    this.store.open(school.channel.id);
    for (const p of school.personas) this.store.open(personalConversationId(p));
    this.bot = new BotClient(school, endpoint, deps.fetchImpl);
  }

  /** Creates the tenant with playground settings, then adds the app to the team as the coordinator. */
  ensureTeamInstalled(): Promise<void> {
    this.teamInstall ??= (async () => {
      const { school } = this;
      // The first `ensure` fixes the settings; the bot's own install handler then adds the installer as coordinator.
      await this.deps.services.tenants.ensure('teams', school.tenantId, { name: school.name, settings: { quietHours: PLAYGROUND_QUIET_HOURS } });
      await this.bot.installInTeam(coordinatorOf(school), localeOf(this.deps.defaultLang));
      this.deps.logger.info({ team: school.team.name, people: school.personas.length }, 'playground: school installed');
    })().catch((e: unknown) => {
      this.teamInstall = undefined;
      throw e;
    });
    return this.teamInstall;
  }

  /** A persona opens the app for the first time: the bot learns their personal conversation. */
  ensurePersonalInstalled(p: Persona, lang: Lang): Promise<void> {
    let install = this.personalInstalls.get(p.key);
    if (!install) {
      install = (async () => {
        await this.ensureTeamInstalled();
        await this.bot.installPersonal(p, localeOf(lang));
      })().catch((e: unknown) => {
        this.personalInstalls.delete(p.key);
        throw e;
      });
      this.personalInstalls.set(p.key, install);
    }
    return install;
  }

  conversationOf(where: Where, p?: Persona): string {
    return where === 'channel' || !p ? this.school.channel.id : personalConversationId(p);
  }

  /** What a person typed: shown in the conversation at once, then handed to the bot. */
  async sendMessage(p: Persona, where: Where, text: string, lang: Lang): Promise<StoredActivity> {
    await this.ensureTeamInstalled();
    if (where === 'personal') await this.ensurePersonalInstalled(p, lang);
    const conversationId = this.conversationOf(where, p);
    const envelope = this.bot.envelope(p, where, localeOf(lang));
    const shown = this.store.append(conversationId, 'user', { ...envelope, type: 'message', text });
    await this.bot.sendMessage(p, where, text, localeOf(lang), shown.id);
    return shown;
  }

  /**
   * A click on an Action.Execute button of a card the bot sent. As in Teams, a card that comes
   * back replaces the clicked card in place.
   */
  async execute(p: Persona, where: Where, stored: StoredActivity, action: { verb?: string; data?: unknown; id?: string }, lang: Lang): Promise<{ result: InvokeResult; activity: StoredActivity }> {
    const conversationId = String((stored.activity.conversation as { id?: string } | undefined)?.id ?? stored.conversationId);
    const result = await this.bot.executeAction(p, where, stored.id, action, localeOf(lang), conversationId);
    let activity = this.store.get(stored.conversationId, stored.id) ?? stored;
    if (result.type === 'card') {
      activity =
        this.store.update(stored.conversationId, stored.id, {
          ...activity.activity,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: result.card }],
        }) ?? activity;
    }
    return { result, activity };
  }
}
