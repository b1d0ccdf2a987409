import { COMMANDS, COMMAND_WORDS, parseCommand } from './commands';

test('Dutch and English words, any case, longer phrases first', () => {
  expect(parseCommand('Nieuwe ronde')).toEqual({ command: 'newRound', rest: '' });
  expect(parseCommand('new round please')).toEqual({ command: 'newRound', rest: 'please' });
  expect(parseCommand('sluit')).toEqual({ command: 'close', rest: '' });
  expect(parseCommand('PUBLISH')).toEqual({ command: 'publish', rest: '' });
  expect(parseCommand('nalezen')).toEqual({ command: 'moderate', rest: '' });
  expect(parseCommand('herinner')).toEqual({ command: 'remind', rest: '' });
  expect(parseCommand('instellingen')).toEqual({ command: 'settings', rest: '' });
  expect(parseCommand('/status')).toEqual({ command: 'status', rest: '' });
});

test('a leftover mention tag, blank text and unknown words', () => {
  expect(parseCommand('<at>Zorgspiegel</at> status')).toEqual({ command: 'status', rest: '' });
  expect(parseCommand('   ')).toEqual({ command: 'none' });
  expect(parseCommand('hallo daar')).toEqual({ command: 'unknown', word: 'hallo' });
  expect(parseCommand('sluitingstijd')).toEqual({ command: 'unknown', word: 'sluitingstijd' });
});

test('help shows a word for every command in both languages, and each parses back to its command', () => {
  for (const lang of ['nl', 'en'] as const) for (const c of COMMANDS) expect(parseCommand(COMMAND_WORDS[lang][c])).toMatchObject({ command: c });
});
