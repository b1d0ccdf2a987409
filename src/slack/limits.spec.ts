import { assertWithinBlockKitLimits, BLOCK_KIT, BlockKitLimitError, findBlockKitViolations } from './limits';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (extra: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Zorgspiegel' }, blocks: [section('hi')], ...extra });

describe('findBlockKitViolations', () => {
  it('accepts a payload within the limits', () => {
    expect(findBlockKitViolations({ text: 'hi', blocks: Array.from({ length: 50 }, () => section('x')) })).toEqual([]);
    expect(findBlockKitViolations(modal({ blocks: Array.from({ length: 100 }, () => section('x')) }))).toEqual([]);
    expect(() => assertWithinBlockKitLimits(modal())).not.toThrow();
  });

  it('counts blocks per surface: 50 in a message, 100 in a modal or Home tab', () => {
    expect(findBlockKitViolations({ blocks: Array.from({ length: 51 }, () => section('x')) })).toEqual([expect.stringContaining('51 items (max 50)')]);
    expect(findBlockKitViolations(modal({ blocks: Array.from({ length: 101 }, () => section('x')) }))).toEqual([expect.stringContaining('max 100')]);
    expect(findBlockKitViolations({ view: { type: 'home', blocks: Array.from({ length: 101 }, () => section('x')) } })).toHaveLength(1);
  });

  it('checks text lengths: section 3000, header 150, modal title 24, private_metadata 3000', () => {
    expect(findBlockKitViolations({ blocks: [section('x'.repeat(3001))] })).toEqual([expect.stringContaining('blocks[0].text: 3001 characters (max 3000)')]);
    expect(findBlockKitViolations({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] })).toHaveLength(1);
    expect(findBlockKitViolations(modal({ title: { type: 'plain_text', text: 'Dimensie 3 van 7 — lange titel' } }))).toEqual([expect.stringContaining('view.title')]);
    expect(findBlockKitViolations(modal({ private_metadata: 'x'.repeat(BLOCK_KIT.privateMetadata + 1) }))).toEqual([expect.stringContaining('private_metadata')]);
  });

  it('checks options: 75 characters of text, at most 10 radio buttons, 100 select options', () => {
    const opt = (text: string, value = 'v') => ({ text: { type: 'plain_text', text }, value });
    const input = (element: Record<string, unknown>) => modal({ submit: { type: 'plain_text', text: 'OK' }, blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { action_id: 'a', ...element } }] });
    expect(findBlockKitViolations(input({ type: 'radio_buttons', options: [opt('x'.repeat(76))] }))).toEqual([expect.stringContaining('options[0].text: 76 characters (max 75)')]);
    expect(findBlockKitViolations(input({ type: 'radio_buttons', options: Array.from({ length: 11 }, (_, i) => opt(String(i), String(i))) }))).toEqual([expect.stringContaining('11 items (max 10)')]);
    expect(findBlockKitViolations(input({ type: 'static_select', options: Array.from({ length: 101 }, (_, i) => opt(String(i), String(i))) }))).toHaveLength(1);
    expect(findBlockKitViolations(input({ type: 'static_select', options: [opt('a', 'a')], initial_option: opt('b', 'b') }))).toEqual([expect.stringContaining('not one of the options')]);
  });

  it('needs a submit button on a modal with inputs, and unique block ids', () => {
    const input = { type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'a' } };
    expect(findBlockKitViolations(modal({ blocks: [input] }))).toEqual([expect.stringContaining('needs a submit button')]);
    expect(findBlockKitViolations({ blocks: [{ ...section('a'), block_id: 'x' }, { ...section('b'), block_id: 'x' }] })).toEqual([expect.stringContaining('duplicate block_id')]);
  });

  it('throws a readable error listing every problem', () => {
    expect(() => assertWithinBlockKitLimits({ blocks: [section(''), { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(200) } }] })).toThrow(BlockKitLimitError);
  });
});
