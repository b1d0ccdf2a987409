import type { OutboundMessage } from '../../core/messenger';
import type { RoundSummary } from '../../core/summary/model';
import { invitationCard, reminderCard } from '../cards/presenters/invitation';
import { noticeCard } from '../cards/presenters/notice';
import { summaryCard } from '../cards/presenters/summary';
import { summaryDetailCards } from '../cards/presenters/summary-details';
import type { AdaptiveCard } from '../cards/render-card';

/** The card for a message the scheduler sends, and a short text for notifications. */
export function outboundCard(message: OutboundMessage, chartUrl?: string): { card: AdaptiveCard; summary: string; replies?: AdaptiveCard[] } {
  switch (message.kind) {
    case 'invitation':
      return { card: invitationCard(message.view), summary: message.view.title };
    case 'reminder':
      return { card: reminderCard(message.view), summary: message.view.title };
    case 'notice':
      return {
        card: noticeCard(message.view, message.view.link ? { links: [{ title: message.view.link.label, url: message.view.link.url }] } : {}),
        summary: message.view.title ?? message.view.text.split('\n')[0]!,
      };
    case 'summary': {
      const summary = message.summary as RoundSummary;
      const chart = chartUrl && message.chart ? { url: chartUrl, altText: message.chart.altText } : undefined;
      const lang = summary.round.language;
      const replies = summaryDetailCards(summary, lang);
      return { card: summaryCard(summary, lang, chart, replies.length > 0), summary: summary.round.title, replies };
    }
  }
}
