import type { DeliveryProgress } from '../participation';
import type { ResponseRateSummary } from './model';

/**
 * The response rate from the participation counts (never from the responses themselves: those
 * say nothing about who was invited). `started` in DeliveryProgress includes the completed, so
 * started-but-not-completed is the difference.
 */
export function responseRate(progress: DeliveryProgress): ResponseRateSummary {
  return {
    invited: progress.invited,
    completed: progress.completed,
    startedNotCompleted: Math.max(0, progress.started - progress.completed),
    optedOut: progress.optedOut,
    undeliverable: progress.undeliverable,
    rate: progress.invited > 0 ? progress.completed / progress.invited : null,
  };
}
