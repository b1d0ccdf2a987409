/**
 * One job-runner process for `npm run bench -- crash`: the real orchestrator (default lease and
 * heartbeat) on the shared database named by CRASH_MONGODB_URI / CRASH_DB, sending through a
 * platform that is another process's HTTP endpoint (CRASH_PLATFORM_URL), so every send that
 * reached the platform is counted even when this process is killed right after it.
 */
import { MongoClient } from 'mongodb';
import pino from 'pino';
import type { Messenger, OutboundMessage, SendResult } from '../../src/core/messenger';
import { MessengerRegistry } from '../../src/core/messenger';
import type { Tenant } from '../../src/core/tenant';
import { createOrchestrator } from '../../src/orchestration';
import { createRepositories } from '../../src/store/repositories';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

class HttpPlatform implements Messenger {
  readonly platform = 'playground' as const;
  readonly limits = { perConversationPerSecond: 1, perTenantPerSecond: Number(process.env.CRASH_RATE ?? 50) };
  constructor(
    private readonly url: string,
    private readonly owner: string,
    private readonly members: string[],
  ) {}
  async resolveAudience(): Promise<string[]> {
    return [...this.members];
  }
  async sendDirect(_tenant: Tenant, platformUserId: string, _message: OutboundMessage): Promise<SendResult> {
    const res = await fetch(`${this.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: platformUserId, owner: this.owner }) });
    if (!res.ok) return { ok: false, retryable: true, detail: `HTTP ${res.status}` };
    const { id } = (await res.json()) as { id: string };
    return { ok: true, messageId: id, conversationId: `D-${platformUserId}` };
  }
  async updateMessage(_tenant: Tenant, ref: { messageId: string; conversationId: string }): Promise<SendResult> {
    return { ok: true, ...ref };
  }
  async postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage): Promise<SendResult> {
    return this.sendDirect(tenant, channelId, message);
  }
  displayName(_tenant: Tenant, platformUserId: string): string {
    return platformUserId;
  }
}

async function main(): Promise<void> {
  const owner = env('CRASH_OWNER');
  const members = Array.from({ length: Number(env('CRASH_RECIPIENTS')) }, (_, i) => `U${String(i + 1).padStart(5, '0')}`);
  const client = new MongoClient(env('CRASH_MONGODB_URI'), { ignoreUndefined: true });
  await client.connect();
  const repos = createRepositories(client.db(env('CRASH_DB')));
  const messengers = new MessengerRegistry();
  messengers.register(new HttpPlatform(env('CRASH_PLATFORM_URL'), owner, members));
  const orchestrator = createOrchestrator({
    repos,
    messengers,
    respondentSecret: 'bench-respondent-secret-0123456789abcdef',
    logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }),
    // The production runner settings (job-runner.ts defaults: lease, heartbeat, poll, concurrency).
    runner: { owner },
  });
  orchestrator.start();
  process.stdout.write('running\n');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
