import { classifyFrame } from './frames';

describe('classifyFrame', () => {
  const envelope = (type: string, payload: unknown, extra: Record<string, unknown> = {}) => JSON.stringify({ type, envelope_id: 'e1', payload, ...extra });

  it('forwards hello and the three envelope types in the shape Slack documents', () => {
    expect(classifyFrame('{"type":"hello","num_connections":1}', false)).toEqual({ action: 'forward', type: 'hello' });
    expect(classifyFrame(envelope('events_api', { type: 'event_callback', event: { type: 'app_home_opened' } }), false)).toEqual({ action: 'forward', type: 'events_api', envelopeId: 'e1' });
    expect(classifyFrame(envelope('slash_commands', { command: '/zorgspiegel', text: '' }), false)).toEqual({ action: 'forward', type: 'slash_commands', envelopeId: 'e1' });
    expect(classifyFrame(envelope('interactive', { type: 'view_submission' }), false)).toEqual({ action: 'forward', type: 'interactive', envelopeId: 'e1' });
  });

  it('turns every disconnect but link_disabled into a refresh; link_disabled takes the library’s path', () => {
    expect(classifyFrame('{"type":"disconnect","reason":"refresh_requested"}', false)).toEqual({ action: 'refresh', reason: 'refresh_requested' });
    expect(classifyFrame('{"type":"disconnect","reason":"warning"}', false)).toEqual({ action: 'refresh', reason: 'warning' });
    expect(classifyFrame('{"type":"disconnect"}', false)).toEqual({ action: 'refresh', reason: 'unknown' });
    expect(classifyFrame('{"type":"disconnect","reason":"link_disabled"}', false)).toEqual({ action: 'forward', type: 'disconnect' });
  });

  it('drops what is not a JSON object, keeping the envelope id to acknowledge when there is one', () => {
    expect(classifyFrame('{"type":', false)).toEqual({ action: 'drop', problem: 'not JSON' });
    expect(classifyFrame('null', false)).toEqual({ action: 'drop', problem: 'not a JSON object' });
    expect(classifyFrame('[1]', false)).toEqual({ action: 'drop', problem: 'not a JSON object' });
    expect(classifyFrame('{"type":"hello"}', true)).toEqual({ action: 'drop', problem: 'binary frame' });
    expect(classifyFrame(new ArrayBuffer(2), false)).toEqual({ action: 'drop', problem: 'binary frame' });
    expect(classifyFrame('{"envelope_id":"e9"}', false)).toEqual({ action: 'drop', problem: 'no frame type', envelopeId: 'e9' });
  });

  it('drops envelopes Bolt could not route, and types the client would mistake for its own events', () => {
    const problem = (frame: string) => (classifyFrame(frame, false) as { problem?: string }).problem;
    expect(problem(envelope('events_api', { type: 'event_callback' }))).toBe('events_api payload without an event');
    expect(problem(envelope('events_api', { event: null }))).toBe('events_api payload without an event');
    expect(problem(envelope('events_api', { event: { type: '' } }))).toBe('events_api event without a type');
    expect(problem(envelope('events_api', { event: { type: 'close' } }))).toBe('events_api event type "close" is reserved by the Socket Mode client');
    expect(problem(envelope('slash_commands', 'command=/x'))).toBe('slash_commands envelope without a payload object');
    expect(problem(envelope('slash_commands', { text: 'help' }))).toBe('slash_commands payload without a command');
    expect(problem(envelope('interactive', [1]))).toBe('interactive envelope without a payload object');
    expect(problem(envelope('interactive', { actions: [] }))).toBe('interactive payload without a type');
    expect(problem('{"type":"interactive","payload":{"type":"block_actions"}}')).toBe('interactive envelope without an envelope_id');
    for (const type of ['surprise', 'error', 'close', 'ws_message', 'slack_event', 'connected', '__proto__', 'constructor']) {
      expect(classifyFrame(envelope(type, {}), false)).toEqual({ action: 'drop', problem: 'unknown frame type', type, envelopeId: 'e1' });
    }
  });
});
