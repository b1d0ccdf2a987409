import { BLOCK_KIT } from '../limits';
import { chunkBlocks, escapeKeepingMentions, escapeMrkdwn, header, sections, splitText, truncate } from './blocks';

describe('Block Kit helpers', () => {
  it('escapes what a person typed, but keeps our own mentions', () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeKeepingMentions('Coördinatoren: <@U123>, <#C9> & <script>')).toBe('Coördinatoren: <@U123>, <#C9> &amp; &lt;script&gt;');
  });

  it('truncates with an ellipsis, counting characters not UTF-16 units', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(Array.from(truncate('😀'.repeat(10), 5))).toHaveLength(5);
  });

  it('splits long text at paragraph, line or word boundaries within the limit', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Zin ${i} over het leerzorgbeleid.`).join(' ');
    for (const piece of splitText(long)) expect(piece.length).toBeLessThanOrEqual(BLOCK_KIT.sectionText);
    expect(splitText(long).join(' ')).toBe(long);
    expect(splitText('kort')).toEqual(['kort']);
  });

  it('turns long text into several sections and a long title into a bold section', () => {
    expect(sections('x '.repeat(4000)).length).toBeGreaterThan(1);
    expect(header('t'.repeat(200)).type).toBe('section');
    expect(header('Kort').type).toBe('header');
  });

  it('chunks blocks per message', () => {
    expect(chunkBlocks(Array.from({ length: 120 }, (_, i) => i)).map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunkBlocks([])).toEqual([[]]);
  });
});
