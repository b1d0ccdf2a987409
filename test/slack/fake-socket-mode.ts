import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { FakeSlackApi } from './fake-slack-api';

/**
 * Slack's Socket Mode side on loopback: a WebSocket server whose URL the fake Web API hands out
 * from apps.connections.open (one ticket per call). Like Slack it greets every connection with
 * `hello`, sends envelopes (`slash_commands`, `interactive`, `events_api`) and expects an
 * acknowledgement `{ envelope_id, payload }` for each, and asks for a refresh with a `disconnect`
 * frame. It keeps a timeline of what happened on which connection, so tests can check order
 * (e.g. the new connection was greeted before the old one closed) without timing anything.
 */

export interface FakeConnection {
  id: number;
  socket: WebSocket;
  /** Who ended it, once it ended. */
  closedBy?: 'client' | 'server';
}

export class FakeSocketMode {
  readonly connections: FakeConnection[] = [];
  /** e.g. "connect 1", "hello 1", "disconnect 1", "close 2 by client". */
  readonly timeline: string[] = [];
  /** Acknowledgements by envelope id: what the app sent back as `payload`. */
  readonly acks = new Map<string, Record<string, unknown>>();
  private server?: WebSocket.Server;
  private port = 0;
  private tickets = 0;
  private envelopes = 0;
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  /** While set, opening handshakes wait for it (the client's new socket stays "connecting"). */
  private gate?: Promise<void>;
  /** Opening handshakes that arrived (and may be waiting at the gate). */
  handshakes = 0;

  async listen(): Promise<void> {
    this.server = new WebSocket.Server({
      host: '127.0.0.1',
      port: 0,
      verifyClient: (_info: unknown, done: (ok: boolean) => void) => {
        this.handshakes += 1;
        this.changed();
        if (this.gate) void this.gate.then(() => done(true));
        else done(true);
      },
    });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    this.server.on('connection', (socket) => this.accept(socket));
  }

  /** Makes the fake Web API's apps.connections.open hand out this server's URL. */
  attach(api: FakeSlackApi): void {
    api.socketModeUrl = () => `ws://127.0.0.1:${this.port}/link/?ticket=t${++this.tickets}`;
  }

  async stop(): Promise<void> {
    for (const c of this.connections) if (!c.closedBy) c.socket.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The newest connection still open. */
  get current(): FakeConnection {
    const open = this.connections.filter((c) => !c.closedBy);
    const last = open[open.length - 1];
    if (!last) throw new Error('no open Socket Mode connection');
    return last;
  }

  get openConnections(): number {
    return this.connections.filter((c) => !c.closedBy).length;
  }

  /** Sends a text (or binary) frame exactly as given. */
  sendRaw(data: string | Buffer, connection: FakeConnection = this.current): void {
    connection.socket.send(data);
  }

  /** Sends an envelope and resolves with the app's acknowledgement payload. */
  async envelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const envelopeId = `env-${++this.envelopes}`;
    this.sendRaw(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}), ...extra }));
    await this.until(() => this.acks.has(envelopeId), `the acknowledgement of ${type} ${envelopeId}`);
    return this.acks.get(envelopeId)!;
  }

  /** Holds every new connection's opening handshake until the returned function is called. */
  holdHandshakes(): () => void {
    let release: () => void = () => undefined;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  /** Slack's request to move to a new connection (it closes the old one some seconds later). */
  requestRefresh(reason = 'refresh_requested', connection: FakeConnection = this.current): void {
    this.timeline.push(`disconnect ${connection.id}`);
    this.sendRaw(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } }), connection);
  }

  /** Resolves once `check` holds (checked after every frame, connection and close). */
  until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; timeline: ${this.timeline.join(', ')}`)), timeoutMs);
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private changed(): void {
    const pending = this.waiters;
    this.waiters = [];
    for (const w of pending) {
      if (w.check()) w.resolve();
      else this.waiters.push(w);
    }
  }

  private accept(socket: WebSocket): void {
    const connection: FakeConnection = { id: this.connections.length + 1, socket };
    this.connections.push(connection);
    this.timeline.push(`connect ${connection.id}`);
    socket.on('message', (data) => {
      let message: { envelope_id?: unknown; payload?: unknown };
      try {
        message = JSON.parse(String(data)) as typeof message;
      } catch {
        this.timeline.push(`unreadable frame from client on ${connection.id}`);
        return this.changed();
      }
      if (typeof message.envelope_id === 'string') this.acks.set(message.envelope_id, (message.payload ?? {}) as Record<string, unknown>);
      this.changed();
    });
    socket.on('close', () => {
      if (!connection.closedBy) connection.closedBy = 'client';
      this.timeline.push(`close ${connection.id} by ${connection.closedBy}`);
      this.changed();
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: this.openConnections, debug_info: { host: 'applink-fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'AZORG' } }));
    this.timeline.push(`hello ${connection.id}`);
    this.changed();
  }

  /** Slack ending a connection from its side. */
  closeFromServer(connection: FakeConnection = this.current): void {
    connection.closedBy = 'server';
    connection.socket.close(1001, 'going away');
  }
}
