import type { TurnContext } from 'botbuilder';
import type { Lang } from '../../core/questionnaire/schema';
import { resolveLang } from '../../i18n';
import { msTenantIdOf, platformUserIdOf } from '../identity';
import type { InstallationDeps } from './installation';

/** One of our languages for a Teams locale ("en-US" → en), or undefined for one we do not speak. */
export function spokenLang(locale: string | undefined): Lang | undefined {
  const lang = resolveLang(locale, 'nl');
  return locale && resolveLang(locale, 'en') === lang ? lang : undefined;
}

/**
 * Every activity a person causes carries their Teams locale — a message, a card click (invoke),
 * adding the app (conversationUpdate / installationUpdate from the installer). The first one
 * teaches us their language, before they ever write: the invitation of the next round is then in
 * it. A language they chose on a card is kept (see TeamsDirectory.rememberLanguage).
 */
export async function learnLanguage(context: TurnContext, deps: Pick<InstallationDeps, 'directory' | 'services'>): Promise<void> {
  const { activity } = context;
  const msTenantId = msTenantIdOf(activity);
  const lang = spokenLang(activity.locale);
  if (!msTenantId || !lang || !activity.from?.id || activity.from.role === 'bot') return;
  const platformUserId = platformUserIdOf(activity.from);
  if (await deps.directory.rememberLanguage(msTenantId, platformUserId, lang)) {
    await deps.services.respondents.learnLanguage('teams', msTenantId, platformUserId, lang);
  }
}

/** "In English" / "In het Nederlands" on a card: the person's choice, above their Teams locale. */
export async function chooseLanguage(deps: Pick<InstallationDeps, 'directory' | 'services'>, msTenantId: string, platformUserId: string, lang: Lang): Promise<void> {
  await deps.directory.rememberLanguage(msTenantId, platformUserId, lang, true);
  await deps.services.respondents.learnLanguage('teams', msTenantId, platformUserId, lang);
}
