import fs from 'node:fs';
import path from 'node:path';
import { CARD_NAMES, CARDS_DIR, cardSize, cardTemplate, renderCard } from './render-card';

test('every known card has its template in cards/', () => {
  for (const name of CARD_NAMES) expect(fs.existsSync(path.join(CARDS_DIR, `${name}.json`))).toBe(true);
});

test('templates are expanded with the data as $root; the template itself is not changed', () => {
  const before = JSON.stringify(cardTemplate('notice'));
  const card = renderCard('notice', { title: 'Titel', color: 'Good', paragraphs: [{ text: 'a' }, { text: '${not.expanded}' }], actions: [], links: [] });
  expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  expect((card.body as { text: string }[]).map((b) => b.text)).toEqual(['Titel', 'a', '${not.expanded}']);
  expect(JSON.stringify(cardTemplate('notice'))).toBe(before);
});

test('size is measured in UTF-8 bytes', () => {
  expect(cardSize({ type: 'AdaptiveCard', version: '1.5', body: [{ text: 'é' }] })).toBe(Buffer.byteLength('{"type":"AdaptiveCard","version":"1.5","body":[{"text":"é"}]}'));
});
