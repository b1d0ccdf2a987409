import { parseWorkingHours } from '../core/working-hours';
import { createServer, type Server } from 'node:http';
import express, { type Express } from 'express';
import { answerMalformedRequests } from './http-errors';
import { listensOnLoopbackOnly, loopbackHostOnly } from './loopback-host';
import { listenHost, type Env } from '../config/env';
import { MessengerRegistry } from '../core/messenger';
import type { Clock, Repositories } from '../core/ports';
import type { Questionnaire } from '../core/questionnaire/schema';
import { createServices, type Services } from '../core/services';
import type { Logger } from '../log';
import type { Integration, IntegrationContext, IntegrationFactory } from './integration';

/** The scheduler as the app sees it (src/orchestration provides it). */
export interface Orchestrator {
  start(): void | Promise<void>;
  stop(): Promise<void>;
  wake(): void;
}
export type OrchestratorFactory = (deps: {
  repos: Repositories;
  messengers: MessengerRegistry;
  clock: Clock;
  logger: Logger;
  questionnaire: Questionnaire;
  respondentSecret: string;
}) => Orchestrator;

export interface AppDeps {
  env: Env;
  repos: Repositories;
  questionnaire: Questionnaire;
  respondentSecret: string;
  clock: Clock;
  logger: Logger;
  integrations: IntegrationFactory[];
  createOrchestrator: OrchestratorFactory;
  /** Whether the database answers (src/store/health.ts); `/healthz` turns 503 when it does not. */
  storeHealth?: () => { ok: boolean; failingSince?: Date };
}

export interface BuiltApp {
  http: Express;
  services: Services;
  messengers: MessengerRegistry;
  orchestrator: Orchestrator;
  integrations: Integration[];
  /** Listens on `port` (0 = random), starts the integrations and the scheduler. */
  /** Listens on `host` when given (see listenHost), else on every interface. */
  listen(port: number, host?: string): Promise<{ server: Server; url: string }>;
  stop(): Promise<void>;
}

/**
 * Wires services, integrations and the scheduler onto one Express app, with no knowledge of how
 * the database was reached — tests build it on a test database, `startApp` on the configured one.
 */
export function buildApp(deps: AppDeps): BuiltApp {
  const { env, repos, questionnaire, clock, logger } = deps;
  let wake: () => void = () => undefined;
  let publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const messengers = new MessengerRegistry();
  const services = createServices(
    { repos, questionnaire, respondentSecret: deps.respondentSecret, clock, logger, wakeScheduler: () => wake() },
    {
      tenantDefaults: { language: env.DEFAULT_LANGUAGE, anonymityThreshold: env.ANONYMITY_THRESHOLD, timeZone: env.TIME_ZONE, quietHours: parseWorkingHours(env.WORKING_HOURS) },
      describeUser: (tenant, id) => (messengers.has(tenant.platform) ? messengers.for(tenant).displayName(tenant, id) : id),
    },
  );
  const ctx: IntegrationContext = { env, services, repos, questionnaire, clock, logger, publicUrl: () => publicUrl };
  const http = express();
  http.disable('x-powered-by');
  http.get('/healthz', (_req, res) => {
    const store = deps.storeHealth?.() ?? { ok: true };
    // An orchestrator restarts a process whose database has been gone for a while.
    if (!store.ok) res.status(503).json({ ok: false, error: 'database unreachable', since: store.failingSince?.toISOString() });
    else res.json({ ok: true });
  });
  if (listensOnLoopbackOnly(listenHost(env))) http.use(loopbackHostOnly(env.PUBLIC_URL, logger));
  const integrations = deps.integrations.map((f) => f(ctx)).filter((i): i is Integration => i !== undefined);
  for (const integration of integrations) {
    integration.mount(http);
    if (integration.messenger) messengers.register(integration.messenger);
    logger.info({ integration: integration.name }, 'integration enabled');
  }
  // Last: bad JSON, oversized bodies and unknown paths get a short answer, never a stack trace.
  answerMalformedRequests(http, logger);
  if (integrations.length === 0) logger.warn('no chat platform is configured and the playground is off: the bot can only answer /healthz');
  const orchestrator = deps.createOrchestrator({ repos, messengers, clock, logger, questionnaire, respondentSecret: deps.respondentSecret });
  wake = () => orchestrator.wake();

  let server: Server | undefined;
  return {
    http,
    services,
    messengers,
    orchestrator,
    integrations,
    async listen(port, host) {
      // Not `http.listen`: Express 5 hands a listen error (EADDRINUSE) to the callback as if it
      // had worked. A failed listen rejects here, before the integrations and the scheduler start.
      const s = createServer(http);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        const listening = () => {
          s.off('error', reject);
          resolve();
        };
        if (host) s.listen(port, host, listening);
        else s.listen(port, listening);
      });
      server = s;
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const url = `http://localhost:${actualPort}`;
      if (!env.PUBLIC_URL) publicUrl = url;
      for (const i of integrations) await i.start?.();
      await orchestrator.start();
      return { server, url };
    },
    async stop() {
      await orchestrator.stop();
      for (const i of integrations) await i.stop?.();
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      server?.closeAllConnections?.();
    },
  };
}
