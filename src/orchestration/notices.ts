import { t } from '../i18n';
import type { DeliveryProgress } from '../core/participation';
import type { Lang } from '../core/questionnaire/schema';
import type { Round } from '../core/round';
import type { Tenant } from '../core/tenant';
import type { NoticeView } from '../core/views/types';

/** The coordinator notices the scheduler sends; each is one `notify-coordinator` job. */
export const NOTICE_KINDS = ['closed', 'audienceEmpty', 'publishFailed'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export function isNoticeKind(value: unknown): value is NoticeKind {
  return typeof value === 'string' && (NOTICE_KINDS as readonly string[]).includes(value);
}

function channelName(tenant: Tenant): string {
  const channel = tenant.settings.teamChannel;
  if (!channel) return '';
  return channel.name ? `#${channel.name.replace(/^#/, '')}` : channel.id;
}

/**
 * "Round X is closed: N of M completed", then what happens with the summary: it waits for the
 * coordinator's review (moderation), it is being posted, or there is no channel to post it to.
 * Counts only: never who answered or who did not.
 */
export function closedNotice(round: Pick<Round, 'id' | 'title' | 'moderation'>, tenant: Tenant, progress: DeliveryProgress, lang: Lang): NoticeView {
  const channel = channelName(tenant);
  const next = round.moderation
    ? t(lang, 'orchestration:closed.review', { title: round.title })
    : channel
      ? t(lang, 'orchestration:closed.publishing', { channel })
      : t(lang, 'orchestration:closed.noChannel');
  const lines = [t(lang, 'orchestration:closed.completed', { completed: progress.completed, invited: progress.invited }), next];
  if (progress.undeliverable > 0) lines.push(t(lang, 'orchestration:unreachable', { count: progress.undeliverable }));
  return {
    lang,
    title: t(lang, 'orchestration:closed.title', { title: round.title }),
    text: lines.join('\n'),
    tone: round.moderation || channel ? 'info' : 'warning',
    ...(round.moderation ? { action: { id: 'moderate', label: t(lang, 'orchestration:actions.review'), roundId: round.id } } : {}),
  };
}

export function audienceEmptyNotice(round: Pick<Round, 'id' | 'title' | 'audience'>, lang: Lang): NoticeView {
  return {
    lang,
    title: t(lang, 'orchestration:audienceEmpty.title', { title: round.title }),
    text: t(lang, 'orchestration:audienceEmpty.text', { audience: round.audience.name ?? round.audience.id }),
    tone: 'warning',
    action: { id: 'status', label: t(lang, 'orchestration:actions.status'), roundId: round.id },
  };
}

export function publishFailedNotice(round: Pick<Round, 'id' | 'title'>, tenant: Tenant, reason: string, lang: Lang): NoticeView {
  return {
    lang,
    title: t(lang, 'orchestration:publishFailed.title', { title: round.title }),
    text: t(lang, 'orchestration:publishFailed.text', { channel: channelName(tenant) || '—', reason: t(lang, `survey:undeliverable.${reason}`) }),
    tone: 'error',
    action: { id: 'publish', label: t(lang, 'survey:actions.publish'), roundId: round.id },
  };
}
