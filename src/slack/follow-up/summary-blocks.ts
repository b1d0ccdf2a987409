import type { Lang } from '../../core/questionnaire/schema';
import { followUpLines } from '../../core/summary/follow-up-lines';
import type { RoundSummary } from '../../core/summary/model';
import type { KnownBlock } from '../slack-types';
import { escapeMrkdwn, sections } from '../presenters/blocks';

/** "Acties sinds de vorige bevraging": each dimension's trend with the actions beside it. */
export function followUpBlocks(summary: RoundSummary, lang: Lang): KnownBlock[] {
  const lines = followUpLines(summary, lang);
  if (!lines) return [];
  const body = lines.dimensions.map((d) => `*${escapeMrkdwn(d.line)}*\n${d.actions.map(escapeMrkdwn).join('\n')}`).join('\n');
  return sections(`*${escapeMrkdwn(lines.heading)}*\n${escapeMrkdwn(lines.note)}\n${body}`);
}
