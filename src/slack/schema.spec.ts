import { encodeActionValue, encodeMetadata, parseActionValue, parseMetadata, stateString } from './schema';
import { matchesRoundRef, roundRef } from './round-ref';

describe('inbound payload parts', () => {
  it('round-trips our private_metadata and refuses anything else', () => {
    const meta = { k: 'section' as const, r: 'round-1', s: 'A1', p: 0 };
    expect(parseMetadata(encodeMetadata(meta))).toEqual(meta);
    expect(parseMetadata('{"k":"section","r":"round-1"}')).toBeUndefined();
    expect(parseMetadata('{"k":"admin"}')).toBeUndefined();
    expect(parseMetadata('not json')).toBeUndefined();
    expect(parseMetadata(undefined)).toBeUndefined();
  });

  it('round-trips button values and refuses a tampered one', () => {
    expect(parseActionValue(encodeActionValue({ r: 'round-1', s: 'C' }))).toEqual({ r: 'round-1', s: 'C' });
    expect(parseActionValue('{"r": 5}')).toBeUndefined();
    expect(parseActionValue('{"p": -1}')).toBeUndefined();
    expect(parseActionValue(undefined)).toBeUndefined();
  });

  it('reads the one value of an element whatever its type', () => {
    expect(stateString({ type: 'plain_text_input', value: 'x' })).toBe('x');
    expect(stateString({ type: 'radio_buttons', selected_option: { value: '4' } })).toBe('4');
    expect(stateString({ type: 'conversations_select', selected_conversation: 'C1' })).toBe('C1');
    expect(stateString({ type: 'static_select', selected_option: null })).toBe('');
    expect(stateString(undefined)).toBe('');
  });

  it('gives rounds a short reference and matches unambiguous prefixes only', () => {
    const id = '3f2a9c1b-1111-4222-8333-444455556666';
    expect(roundRef(id)).toBe('3f2a9c1b');
    expect(matchesRoundRef(id, '3F2A9C')).toBe(true);
    expect(matchesRoundRef(id, '3f2')).toBe(false);
    expect(matchesRoundRef(id, '4f2a')).toBe(false);
  });
});
