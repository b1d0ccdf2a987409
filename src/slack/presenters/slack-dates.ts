import { plainDates, renderDateMentions } from '../../core/views/date-mention';
import { t } from '../../i18n';

/**
 * Date mentions (core/views/date-mention.ts) in mrkdwn become Slack's date token,
 * `<!date^UNIX^FORMAT|FALLBACK>`: Slack shows the moment in each reader's own locale and time
 * zone (and "today"/"tomorrow" when it is), and the fallback — our own wording, in the school's
 * time zone — wherever it cannot. Only between the date and the time do we supply a word, in the
 * sentence's language ("om"/"at").
 */
export function slackDates(mrkdwn: string): string {
  return renderDateMentions(mrkdwn, (m) => {
    const format = m.kind === 'day' ? '{date_long}' : t(m.lang, 'survey:dateAtTime', { date: '{date_long_pretty}', time: '{time}' });
    // The fallback is our own date wording: no "|" or ">" that could end the token early.
    return `<!date^${Math.floor(m.at.getTime() / 1000)}^${format}|${m.fallback.replace(/[|<>]/g, ' ')}>`;
  });
}

/** plain_text (headers, buttons, notification texts) cannot hold a token: the fallback text. */
export { plainDates };
