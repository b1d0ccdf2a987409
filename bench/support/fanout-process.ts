/**
 * One bot process of `npm run bench -- fanout --processes N`: the real job runner, handlers and
 * shared pacing on the benchmark's database, sending through the platform simulated in the
 * parent process (remote-platform.ts). Started by fanout-processes.ts with its settings in
 * FANOUT_PROCESS; stops when the parent says so.
 */
import { MongoClient } from 'mongodb';
import pino from 'pino';
import { MessengerRegistry, type PlatformLimits } from '../../src/core/messenger';
import { createOrchestrator } from '../../src/orchestration';
import { createRepositories } from '../../src/store/repositories';
import { RemotePlatformMessenger } from './remote-platform';

export interface FanoutProcessSettings {
  name: string;
  uri: string;
  dbName: string;
  limits: PlatformLimits;
  members: Record<string, string[]>;
  concurrency: number;
  respondentSecret: string;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.env.FANOUT_PROCESS ?? '{}') as FanoutProcessSettings;
  const client = await new MongoClient(settings.uri, { ignoreUndefined: true }).connect();
  const repos = createRepositories(client.db(settings.dbName));
  const messengers = new MessengerRegistry();
  messengers.register(new RemotePlatformMessenger(settings.limits, (tenantId) => settings.members[tenantId] ?? []));
  const orchestrator = createOrchestrator({
    repos,
    messengers,
    respondentSecret: settings.respondentSecret,
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    runner: { owner: settings.name, concurrency: settings.concurrency, pollIntervalMs: 50 },
  });
  const cpuBefore = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void orchestrator
      .stop()
      .then(() => client.close())
      .then(() => {
        const cpu = process.cpuUsage(cpuBefore);
        process.send!({ kind: 'cpu', cpuSeconds: (cpu.user + cpu.system) / 1e6 }, () => process.disconnect());
      });
  });
  await orchestrator.start();
  process.send!('started');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
