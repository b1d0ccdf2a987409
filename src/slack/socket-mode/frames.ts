/**
 * What to do with one text frame Slack sent over the Socket Mode WebSocket, decided before
 * @slack/socket-mode sees it. The library trusts the frame's shape: it reads
 * `payload.event.type` of an `events_api` envelope inside an async handler (a frame without
 * `event` becomes an unhandled rejection, which ends a Node process), and it emits every
 * envelope `type` — and every event type — as an event on its own emitter, where names such as
 * `close`, `connected` or `ws_message` drive its connection state. So only the frame types Slack
 * documents, in the shape Slack documents, reach the library; everything else is dropped with a
 * reason to log.
 */
export type FrameVerdict =
  /** Pass to the library as it is. */
  | { action: 'forward'; type: string; envelopeId?: string }
  /** Slack will close this connection soon: open the next one first (see refresh.ts). */
  | { action: 'refresh'; reason: string }
  /** Ignore; acknowledge the envelope (if it has an id) so Slack does not send it again. */
  | { action: 'drop'; problem: string; type?: string; envelopeId?: string };

/** The `disconnect` reason after which no new connection works: Socket Mode was turned off. */
const LINK_DISABLED = 'link_disabled';

/**
 * Names the Socket Mode client uses on its own emitter for its lifecycle and plumbing. No Events
 * API event is called like this; an event that is would be emitted as one of them.
 */
const CLIENT_EVENT_NAMES = new Set([
  'hello',
  'disconnect',
  'error',
  'close',
  'ws_message',
  'slack_event',
  'outgoing_message',
  'connecting',
  'connected',
  'authenticated',
  'reconnecting',
  'disconnecting',
  'disconnected',
  'events_api',
  'slash_commands',
  'interactive',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The routing key Bolt reads for each envelope type; without it Bolt cannot tell what arrived. */
const PAYLOAD_PROBLEM: Record<string, (payload: Json) => string | undefined> = {
  events_api: (p) => {
    if (!isObject(p.event)) return 'events_api payload without an event';
    if (!isName(p.event.type)) return 'events_api event without a type';
    if (CLIENT_EVENT_NAMES.has(p.event.type)) return `events_api event type "${p.event.type}" is reserved by the Socket Mode client`;
    return undefined;
  },
  slash_commands: (p) => (isName(p.command) ? undefined : 'slash_commands payload without a command'),
  interactive: (p) => (isName(p.type) ? undefined : 'interactive payload without a type'),
};

export function classifyFrame(data: unknown, isBinary: boolean | undefined): FrameVerdict {
  if (isBinary || typeof data !== 'string') return { action: 'drop', problem: 'binary frame' };
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { action: 'drop', problem: 'not JSON' };
  }
  if (!isObject(frame)) return { action: 'drop', problem: 'not a JSON object' };
  const envelopeId = isName(frame.envelope_id) ? frame.envelope_id : undefined;
  if (!isName(frame.type)) return { action: 'drop', problem: 'no frame type', envelopeId };
  const type = frame.type;
  if (type === 'hello') return { action: 'forward', type };
  if (type === 'disconnect') {
    // Slack closes this socket soon (refresh_requested, warning, or a reason it has not told us
    // about): open the next one now. After link_disabled a new one cannot work yet; that takes
    // the library's path (close, wait, try again).
    const reason = typeof frame.reason === 'string' ? frame.reason.slice(0, 40) : 'unknown';
    return reason === LINK_DISABLED ? { action: 'forward', type } : { action: 'refresh', reason };
  }
  const payloadProblem = Object.prototype.hasOwnProperty.call(PAYLOAD_PROBLEM, type) ? PAYLOAD_PROBLEM[type] : undefined;
  if (!payloadProblem) return { action: 'drop', problem: 'unknown frame type', type: type.slice(0, 40), envelopeId };
  if (!envelopeId) return { action: 'drop', problem: `${type} envelope without an envelope_id`, type };
  if (!isObject(frame.payload)) return { action: 'drop', problem: `${type} envelope without a payload object`, type, envelopeId };
  const problem = payloadProblem(frame.payload);
  if (problem) return { action: 'drop', problem, type, envelopeId };
  return { action: 'forward', type, envelopeId };
}
