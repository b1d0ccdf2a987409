/**
 * The simulated platform of `npm run bench -- fanout --processes N`: it lives in the benchmark's
 * own process (so its buckets see every process's sends, as Slack's or Teams' do), and each bot
 * process reaches it through a messenger that forwards sends over the child-process IPC channel.
 */
import type { ChildProcess } from 'node:child_process';
import type { Messenger, MessageRef, OutboundMessage, PlatformLimits, SendOptions, SendResult } from '../../src/core/messenger';
import type { Audience } from '../../src/core/round';
import type { Platform, Tenant } from '../../src/core/tenant';
import type { SimulatedPlatform } from './simulated-platform';

export type SendRequest = { kind: 'send'; id: number; tenantId: string; conversationId: string };
export type SendReply = { kind: 'sent'; id: number; result: SendResult };

/** Parent side: answers a child's sends from the simulated platform of the send's tenant. */
export function servePlatforms(child: ChildProcess, platforms: Map<string, SimulatedPlatform>): void {
  child.on('message', (message: SendRequest) => {
    if (message?.kind !== 'send') return;
    const platform = platforms.get(message.tenantId);
    const answer = platform
      ? platform.sendDirect({ id: message.tenantId } as Tenant, message.conversationId, { kind: 'notice' } as unknown as OutboundMessage)
      : Promise.resolve<SendResult>({ ok: false, retryable: false, reason: 'other', detail: `unknown tenant ${message.tenantId}` } as SendResult);
    void answer.then((result) => child.connected && child.send({ kind: 'sent', id: message.id, result } satisfies SendReply));
  });
}

/** Child side: the messenger of one bot process. */
export class RemotePlatformMessenger implements Messenger {
  readonly platform: Platform = 'playground';
  private nextId = 1;
  private readonly pending = new Map<number, (result: SendResult) => void>();

  constructor(
    readonly limits: PlatformLimits,
    private readonly members: (tenantId: string) => string[],
  ) {
    process.on('message', (message: SendReply) => {
      if (message?.kind !== 'sent') return;
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    });
  }

  async resolveAudience(tenant: Tenant, _audience: Audience): Promise<string[]> {
    return this.members(tenant.id);
  }

  sendDirect(tenant: Tenant, platformUserId: string, _message: OutboundMessage, _options?: SendOptions): Promise<SendResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      process.send!({ kind: 'send', id, tenantId: tenant.id, conversationId: platformUserId } satisfies SendRequest);
    });
  }

  async updateMessage(_tenant: Tenant, ref: MessageRef): Promise<SendResult> {
    return { ok: true, ...ref };
  }

  postToChannel(tenant: Tenant, channelId: string, message: OutboundMessage, options?: SendOptions): Promise<SendResult> {
    return this.sendDirect(tenant, channelId, message, options);
  }

  displayName(_tenant: Tenant, platformUserId: string): string {
    return platformUserId;
  }
}
