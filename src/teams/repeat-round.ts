import { DateTime } from 'luxon';
import type { Actor } from '../core/services';
import { t } from '../i18n';
import type { CardActionContext, CardActionDeps, CardActionResult } from './card-actions';
import { noticeCard } from './cards/presenters/notice';
import { defaultRoundForm, type RoundFormState } from './cards/round-form-input';

/**
 * "Herhaal de vorige bevraging": the round form filled in with the previous round's dimensions
 * and settings (depth, reflection, audience, reminders, moderation, length), so the next
 * summary's trend compares like with like. The coordinator still checks and submits it.
 */
export async function repeatRoundForm(
  deps: CardActionDeps,
  actor: Actor,
  _ctx: CardActionContext,
  show: (state: RoundFormState) => Promise<CardActionResult>,
): Promise<CardActionResult> {
  const previous = await deps.services.repeat.previous(actor);
  if (!previous) return { kind: 'card', card: noticeCard({ lang: actor.lang, text: t(actor.lang, 'followup:repeat.none'), tone: 'info' }) };
  const { timeZone } = actor.tenant.settings;
  const now = deps.clock.now();
  const base = defaultRoundForm({ questionnaire: deps.questionnaire, lang: actor.lang, now, timeZone, audienceId: previous.audience.id });
  const closes = DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: previous.durationDays }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
  return show({
    ...base,
    dimensionIds: previous.dimensionIds,
    depth: previous.depth,
    includeReflection: previous.includeReflection,
    reminderHours: previous.reminderHours,
    moderation: previous.moderation,
    groupDimensions: previous.groupDimensions ?? [],
    closesDate: closes.toFormat('yyyy-MM-dd'),
    closesTime: closes.toFormat('HH:mm'),
  });
}
