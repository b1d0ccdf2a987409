import type { Lang } from '../../../core/questionnaire/schema';
import { RETENTION_MONTHS } from '../../../core/services/coordinator-service';
import { MIN_ANONYMITY_THRESHOLD, retentionMonths, type Tenant } from '../../../core/tenant';
import { t } from '../../../i18n';
import { renderCard, type AdaptiveCard } from '../render-card';

export interface SettingsOptions {
  /** Channels the summary can be posted to ("Team › Channel"). */
  channels: { id: string; name: string }[];
  /** People who can be made coordinator (the rosters the bot knows). */
  people: { id: string; name: string }[];
}

/** `instellingen`: the team channel, the coordinators, the language, the anonymity threshold and how long raw answers are kept. */
export function settingsCard(lang: Lang, tenant: Tenant, options: SettingsOptions, errors: Record<string, string> = {}, saved = false): AdaptiveCard {
  const { settings } = tenant;
  const channels = [...options.channels];
  if (settings.teamChannel && !channels.some((c) => c.id === settings.teamChannel!.id)) channels.push({ id: settings.teamChannel.id, name: settings.teamChannel.name ?? settings.teamChannel.id });
  const people = [...options.people];
  for (const id of settings.coordinators) if (!people.some((p) => p.id === id)) people.push({ id, name: id });
  return renderCard('settings', {
    heading: t(lang, 'cards:settings.heading'),
    intro: t(lang, 'cards:settings.intro'),
    saved: saved ? t(lang, 'cards:settings.saved') : '',
    errorSummary: Object.keys(errors).length ? t(lang, 'cards:settings.errorSummary') : '',
    teamChannel: {
      label: t(lang, 'cards:settings.teamChannel'),
      value: settings.teamChannel?.id ?? '',
      choices: channels.map((c) => ({ title: c.name, value: c.id })),
      error: errors.teamChannel ?? '',
    },
    coordinators: {
      label: t(lang, 'cards:settings.coordinators'),
      value: settings.coordinators.join(','),
      choices: people.map((p) => ({ title: p.name, value: p.id })),
      error: errors.coordinators ?? '',
    },
    language: {
      label: t(lang, 'cards:settings.language'),
      value: settings.language,
      choices: [
        { title: t(lang, 'cards:settings.languages.nl'), value: 'nl' },
        { title: t(lang, 'cards:settings.languages.en'), value: 'en' },
      ],
    },
    threshold: {
      label: t(lang, 'cards:settings.threshold', { min: MIN_ANONYMITY_THRESHOLD }),
      value: settings.anonymityThreshold,
      min: MIN_ANONYMITY_THRESHOLD,
      error: errors.anonymityThreshold ?? '',
    },
    retention: {
      label: t(lang, 'cards:settings.retention'),
      hint: t(lang, 'cards:settings.retentionHint'),
      value: retentionMonths(settings),
      min: RETENTION_MONTHS.min,
      max: RETENTION_MONTHS.max,
      error: errors.retentionMonths ?? '',
    },
    save: t(lang, 'cards:settings.save'),
  });
}
