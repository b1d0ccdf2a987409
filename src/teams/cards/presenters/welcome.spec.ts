import { assertValidCard } from '../../../../test/teams/parse-card';
import { helpCard, personalWelcomeCard, teamWelcomeCard } from './welcome';

test('the team welcome names the team and the installer and says how to start', () => {
  const card = teamWelcomeCard('nl', { name: 'Leraren', installer: 'Els' });
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('Zorgspiegel is toegevoegd aan Leraren');
  expect(json).toContain('Els is coördinator');
  expect(json).toContain('@Zorgspiegel nieuwe ronde');
  expect((card.actions as { verb: string }[]).map((a) => a.verb)).toEqual(['newRound', 'help']);
});

test('help lists every command in the reader\'s language, with @Zorgspiegel in a channel', () => {
  const inChannel = JSON.stringify(helpCard('en', true));
  expect(inChannel).toContain('@Zorgspiegel new round');
  expect(inChannel).toContain('@Zorgspiegel moderate');
  const personal = JSON.stringify(helpCard('nl', false));
  expect(personal).toContain('"title":"nalezen"');
  expect(personal).not.toContain('@Zorgspiegel nalezen');
  assertValidCard(personalWelcomeCard('en'));
});
