import type { SocketModeClient } from './client';
import type { Logger } from '../../log';
import { classifyFrame } from './frames';
import { ConnectionRefresher } from './refresh';

type Listener = (...args: unknown[]) => unknown;

/** Runs a listener; whatever it throws or rejects with is logged with `context`, never thrown on. */
function settle(logger: Logger, context: Record<string, unknown>, run: () => unknown): void {
  const failed = (err: unknown) => logger.error({ err, ...context }, 'a Socket Mode frame failed; the connection keeps serving');
  try {
    const result = run();
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') (result as Promise<unknown>).catch(failed);
  } catch (err) {
    failed(err);
  }
}

/**
 * An empty acknowledgement, as the library's own `ack()` sends it. `send` is private in the
 * library's typings but is exactly what its `ack()` calls; a dropped frame has no `ack()` to use.
 */
function acknowledge(client: SocketModeClient, envelopeId: string): Promise<void> {
  return (client as unknown as { send(id: string, body?: object): Promise<void> }).send(envelopeId, {});
}

/** Takes the library's own listeners for `event` off the client, to be called by ours. */
function takeListeners(client: SocketModeClient, event: string): Listener[] {
  const listeners = client.listeners(event) as Listener[];
  if (listeners.length === 0) {
    // The frame path below depends on how @slack/socket-mode 3.x wires itself; fail at start-up,
    // not silently in production, if an upgrade changes that.
    throw new Error(`@slack/socket-mode has no "${event}" listener any more: review src/slack/socket-mode/guard.ts for this version`);
  }
  client.removeAllListeners(event);
  return listeners;
}

/**
 * Makes sure no single frame can stop the Socket Mode client or the process around it:
 * - every incoming text frame is checked first (frames.ts); a malformed one is logged (its type,
 *   envelope id and what is wrong — never its content, which may hold what someone typed),
 *   acknowledged so Slack does not resend it, and dropped;
 * - the library's frame handler and Bolt's event handler are async and their failures would be
 *   unhandled rejections; here they are caught and logged with the frame's type and envelope id;
 * - a `disconnect` asking for a refresh opens the next connection before the old one closes
 *   (refresh.ts).
 */
export function guardSocketModeClient(client: SocketModeClient, logger: Logger): ConnectionRefresher {
  const refresher = new ConnectionRefresher(client, logger);
  const onFrame = takeListeners(client, 'ws_message');
  const onSlackEvent = takeListeners(client, 'slack_event');
  const onClose = takeListeners(client, 'close');

  client.on('ws_message', (data: unknown, isBinary: unknown) => {
    const verdict = classifyFrame(data, isBinary === true);
    switch (verdict.action) {
      case 'forward':
        for (const listener of onFrame) settle(logger, { frame: verdict.type, envelopeId: verdict.envelopeId }, () => listener(data, isBinary));
        return;
      case 'refresh':
        settle(logger, { frame: 'disconnect', reason: verdict.reason }, () => refresher.refresh(verdict.reason));
        return;
      case 'drop': {
        const { problem, type, envelopeId } = verdict;
        logger.warn({ problem, frame: type, envelopeId, bytes: typeof data === 'string' ? data.length : undefined }, 'ignored a malformed Socket Mode frame');
        if (envelopeId) settle(logger, { frame: type, envelopeId, step: 'ack' }, () => acknowledge(client, envelopeId));
        return;
      }
    }
  });
  client.on('slack_event', (args: { type?: string; envelope_id?: string }) => {
    for (const listener of onSlackEvent) settle(logger, { frame: args?.type, envelopeId: args?.envelope_id }, () => listener(args));
  });
  client.on('close', () => {
    if (refresher.handlesClose()) return;
    for (const listener of onClose) settle(logger, { step: 'close' }, () => listener());
  });
  client.on('error', (err: unknown) => {
    logger.warn({ err }, 'Socket Mode connection error; the client reconnects');
  });
  return refresher;
}
