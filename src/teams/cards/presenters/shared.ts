import type { NoticeView } from '../../../core/views/types';

/** A button that posts back to the bot (Universal Actions): the verb names the use case. */
export interface ExecuteAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive' | 'default';
}

/** Adaptive Card text colours for a notice's tone. */
export const TONE_COLOR: Record<NoticeView['tone'], 'Default' | 'Good' | 'Warning' | 'Attention'> = {
  info: 'Default',
  success: 'Good',
  warning: 'Warning',
  error: 'Attention',
};

/**
 * A TextBlock treats a single newline inconsistently across Teams clients, so multi-line texts
 * become one TextBlock per paragraph.
 */
export function paragraphs(text: string): { text: string }[] {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => ({ text: line }));
}

/** Choice values travel as strings in Adaptive Cards. */
export function choiceValue(value: number | string | undefined | null): string {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * Text people typed (open answers, names) is shown as typed. TextBlocks render a little Markdown;
 * the one construct that would change what a reader can do is a link, so `[text](url)` is broken
 * up with an invisible space rather than escaped (Teams shows backslash escapes literally).
 */
export function typedText(text: string): string {
  return text.replace(/\]\(/g, ']\u200B(');
}

/**
 * A TextBlock reads "3. Als je…" as an ordered list and renumbers it "1.", so a question that
 * starts with its own number would show the wrong one. An invisible space between the number and
 * its dot keeps the text as written (Teams shows backslash escapes literally).
 */
export function keepLeadingNumber(text: string): string {
  return text.replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\u200B$2');
}
