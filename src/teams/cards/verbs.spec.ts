import fs from 'node:fs';
import path from 'node:path';
import { CARDS_DIR } from './render-card';
import { isVerb, VERBS } from './verbs';

test('verbs are recognised exactly', () => {
  expect(isVerb('submitSection')).toBe(true);
  expect(isVerb('SubmitSection')).toBe(false);
  expect(isVerb(undefined)).toBe(false);
  expect(new Set(VERBS).size).toBe(VERBS.length);
});

test('every fixed verb in a template is one the bot knows', () => {
  for (const file of fs.readdirSync(CARDS_DIR)) {
    const verbs = [...fs.readFileSync(path.join(CARDS_DIR, file), 'utf8').matchAll(/"verb": "([^"$]+)"/g)].map((m) => m[1]);
    for (const verb of verbs) expect([file, isVerb(verb)]).toEqual([file, true]);
  }
});
