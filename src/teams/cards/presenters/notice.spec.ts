import { assertValidCard } from '../../../../test/teams/parse-card';
import { noticeCard } from './notice';

test('a notice with a follow-up action becomes a card with that verb and the round', () => {
  const card = noticeCard({ lang: 'nl', title: 'Afgesloten', text: 'Regel 1\nRegel 2', tone: 'warning', action: { id: 'moderate', label: 'Nalezen', roundId: 'r1' } });
  assertValidCard(card);
  expect(card.actions).toEqual([{ type: 'Action.Execute', title: 'Nalezen', verb: 'moderate', data: { roundId: 'r1' }, style: 'default', associatedInputs: 'none' }]);
  expect((card.body as { text: string }[]).map((b) => b.text)).toEqual(['Afgesloten', 'Regel 1', 'Regel 2']);
});

test('"continue" is the staff member\'s start; an action we do not know is left out', () => {
  expect((noticeCard({ lang: 'nl', text: 'x', tone: 'info', action: { id: 'continue', label: 'Verder', roundId: 'r' } }).actions as { verb: string }[])[0]!.verb).toBe('start');
  expect(noticeCard({ lang: 'nl', text: 'x', tone: 'info', action: { id: 'launchRockets', label: '?' } }).actions).toEqual([]);
});

test('extra buttons and links come after the view\'s own action', () => {
  const card = noticeCard({ lang: 'en', text: 'Ready', tone: 'success' }, { actions: [{ title: 'Yes', verb: 'close', data: { roundId: 'r', confirmed: true }, style: 'destructive' }], links: [{ title: 'Download', url: 'https://x.example/f' }] });
  assertValidCard(card);
  expect((card.actions as { type: string }[]).map((a) => a.type)).toEqual(['Action.Execute', 'Action.OpenUrl']);
});
