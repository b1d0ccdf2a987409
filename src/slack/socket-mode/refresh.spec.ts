import pino from 'pino';
import type { SocketModeClient } from './client';
import { ConnectionRefresher } from './refresh';

/** A SlackWebSocket as the refresher sees it: open, connecting, or closed (no WebSocket left). */
class FakeSocket {
  readyState: number | undefined;
  readonly sent: string[] = [];
  constructor(
    readonly name: string,
    state: 'open' | 'connecting',
  ) {
    this.readyState = state === 'open' ? 1 : 0;
  }
  isActive(): boolean {
    return this.readyState === 1;
  }
  disconnect(): void {
    this.readyState = undefined;
  }
}

/** The client's parts the refresher uses; `start()` waits until the test says the new socket said hello. */
function fakeClient(first: FakeSocket) {
  let hello: () => void = () => undefined;
  const client = {
    websocket: first as FakeSocket | undefined,
    sentOver: [] as string[],
    async send(id: string): Promise<void> {
      client.sentOver.push(`${id} over ${client.websocket!.name}`);
    },
    start(): Promise<void> {
      const next = new FakeSocket('new', 'connecting');
      client.websocket = next;
      return new Promise<void>((resolve) => {
        hello = () => {
          next.readyState = 1;
          resolve();
        };
      });
    },
  };
  return { client, hello: () => hello() };
}

describe('ConnectionRefresher', () => {
  it('opens the new socket before closing the old one; until it is open, acknowledgements go over the old one', async () => {
    const old = new FakeSocket('old', 'open');
    const { client, hello } = fakeClient(old);
    const refresher = new ConnectionRefresher(client as unknown as SocketModeClient, pino({ level: 'silent' }));
    const send = (id: string) => (client as unknown as { send(id: string): Promise<void> }).send(id);

    await send('before');
    const refreshing = refresher.refresh('refresh_requested');
    expect(client.websocket!.name).toBe('new');
    await send('while-connecting');
    expect(old.readyState).toBe(1);
    hello();
    await refreshing;
    await send('after');
    expect(old.readyState).toBeUndefined();
    expect(client.websocket!.name).toBe('new');
    expect(client.sentOver).toEqual(['before over old', 'while-connecting over old', 'after over new']);
  });

  it('during a refresh, keeps the client from reconnecting on its own when the old socket closes, but not when the new one does', async () => {
    const old = new FakeSocket('old', 'open');
    const { client, hello } = fakeClient(old);
    const refresher = new ConnectionRefresher(client as unknown as SocketModeClient, pino({ level: 'silent' }));
    expect(refresher.handlesClose()).toBe(false);

    const refreshing = refresher.refresh('warning');
    old.disconnect(); // Slack closed the old one first
    expect(refresher.handlesClose()).toBe(true);
    (client.websocket as FakeSocket).disconnect(); // and then the new one failed
    expect(refresher.handlesClose()).toBe(false);
    hello();
    await refreshing;
    expect(refresher.handlesClose()).toBe(false);
  });
});
