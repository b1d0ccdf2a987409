import { choiceValue, paragraphs, TONE_COLOR, typedText } from './shared';

test('paragraphs split on newlines and drop blank lines', () => {
  expect(paragraphs('Eén.\n\n  Twee.  \nDrie.')).toEqual([{ text: 'Eén.' }, { text: 'Twee.' }, { text: 'Drie.' }]);
  expect(paragraphs('')).toEqual([]);
});

test('choice values are strings; nothing chosen is empty', () => {
  expect(choiceValue(4)).toBe('4');
  expect(choiceValue(1.5)).toBe('1.5');
  expect(choiceValue(0)).toBe('0');
  expect(choiceValue(undefined)).toBe('');
  expect(choiceValue(null)).toBe('');
});

test('a typed Markdown link cannot become a link on a card; the text stays readable', () => {
  expect(typedText('zie [hier](https://evil.example)')).toBe('zie [hier]\u200B(https://evil.example)');
  expect(typedText('gewoon *tekst*')).toBe('gewoon *tekst*');
});

test('every tone has a colour', () => {
  expect(Object.keys(TONE_COLOR).sort()).toEqual(['error', 'info', 'success', 'warning']);
});
