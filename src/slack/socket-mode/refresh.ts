import type { SocketModeClient } from './client';
import type { Logger } from '../../log';

type Socket = NonNullable<SocketModeClient['websocket']>;

/**
 * Replaces the Socket Mode connection without a gap when Slack asks for it (a `disconnect` frame
 * such as `refresh_requested`, sent some seconds before Slack closes the socket).
 *
 * @slack/socket-mode 3.1 closes the socket at once and reconnects only after `clientPingTimeout`
 * (5 s by default) — commands and clicks in those seconds get "dispatch_failed" (`npm run bench
 * -- socket-refresh` measures it). Slack delivers to any of an app's open connections (up to
 * 10), so this opens the new connection first (`client.start()`: apps.connections.open, then
 * `hello`), as python-slack-sdk does, and closes the old one after. Frames that still arrive on
 * the old socket are handled as usual.
 *
 * The client acknowledges over whichever socket it holds, and `start()` holds the new one from
 * before it is open: an acknowledgement due in that moment would fail (and Slack would show the
 * user "dispatch_failed"). So while the new socket is not open yet, acknowledgements go over the
 * old one.
 */
export class ConnectionRefresher {
  /** The socket being replaced, while a refresh is under way. */
  private previous: Socket | undefined;
  private refreshing = false;

  constructor(
    private readonly client: SocketModeClient,
    private readonly logger: Logger,
  ) {
    // `send` is private in the library's typings; it is what every `ack()` calls. It reads
    // `client.websocket` synchronously, so pointing that at the old socket for the call is enough.
    const internals = client as unknown as { send(id: string, body?: unknown): Promise<void> };
    const librarySend = internals.send.bind(client);
    internals.send = (id, body) => {
      const current = client.websocket;
      const previous = this.previous;
      if (!previous || current === previous || current?.isActive() || !previous.isActive()) return librarySend(id, body);
      client.websocket = previous;
      try {
        return librarySend(id, body);
      } finally {
        client.websocket = current;
      }
    };
  }

  async refresh(reason: string): Promise<void> {
    if (this.refreshing) {
      this.logger.debug({ reason }, 'Socket Mode refresh already under way');
      return;
    }
    this.refreshing = true;
    const previous = this.client.websocket;
    this.previous = previous;
    this.logger.info({ reason }, 'Slack asked for a new Socket Mode connection: opening it before closing the current one');
    try {
      await this.client.start();
      this.logger.info('new Socket Mode connection ready; closing the previous one');
    } catch (err) {
      // Closing the old socket now hands over to the library: it reconnects after its delay.
      this.logger.warn({ err }, 'could not open a new Socket Mode connection before closing the current one; reconnecting after it closes');
    } finally {
      this.refreshing = false;
      this.previous = undefined;
    }
    previous?.disconnect();
  }

  /**
   * Whether the client's own reaction to a closed socket (reconnect after a delay) should be
   * skipped: during a refresh, unless the socket that closed is the new one, the refresh
   * provides the connection. (Its `close` event does not say which socket closed; a closed
   * SlackWebSocket has no underlying WebSocket left, hence `readyState === undefined`.)
   */
  handlesClose(): boolean {
    if (!this.refreshing) return false;
    const current = this.client.websocket;
    const newSocketClosed = current !== undefined && current !== this.previous && current.readyState === undefined;
    return !newSocketClosed;
  }
}
