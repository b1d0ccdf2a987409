/**
 * Whether the database answers, for `/healthz`. A ping runs every `intervalMs` (so an idle
 * process notices too); once every ping has failed for `unhealthyAfterMs` the store reports
 * unhealthy, so an orchestrator restarts the process instead of leaving it up and unable to save.
 * One failed ping (a replica-set election, a blip) is not enough.
 */
export interface StoreHealth {
  ok: boolean;
  /** Since when every ping failed; absent while the database answers. */
  failingSince?: Date;
  lastError?: string;
}

export interface StoreHealthMonitor {
  status(): StoreHealth;
  /** One ping now (the timer calls this; tests call it directly). */
  check(): Promise<void>;
  stop(): void;
}

export const DEFAULT_HEALTH_INTERVAL_MS = 10_000;
export const DEFAULT_UNHEALTHY_AFTER_MS = 30_000;

export function monitorStoreHealth(opts: {
  ping: () => Promise<unknown>;
  now?: () => number;
  intervalMs?: number;
  unhealthyAfterMs?: number;
}): StoreHealthMonitor {
  const now = opts.now ?? Date.now;
  const unhealthyAfter = opts.unhealthyAfterMs ?? DEFAULT_UNHEALTHY_AFTER_MS;
  let failingSince: number | undefined;
  let lastError: string | undefined;
  let running: Promise<void> | undefined;

  async function check(): Promise<void> {
    running ??= (async () => {
      try {
        await opts.ping();
        failingSince = undefined;
        lastError = undefined;
      } catch (e) {
        failingSince ??= now();
        lastError = e instanceof Error ? e.message : String(e);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  const timer = setInterval(() => void check(), opts.intervalMs ?? DEFAULT_HEALTH_INTERVAL_MS);
  timer.unref();

  return {
    status() {
      if (failingSince === undefined) return { ok: true };
      return { ok: now() - failingSince < unhealthyAfter, failingSince: new Date(failingSince), ...(lastError ? { lastError } : {}) };
    },
    check,
    stop: () => clearInterval(timer),
  };
}
