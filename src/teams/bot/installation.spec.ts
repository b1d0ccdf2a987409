import type { TurnContext } from 'botbuilder';
import { botWasAdded, botWasRemoved } from './installation';

const context = (activity: Record<string, unknown>) => ({ activity: { recipient: { id: '28:bot' }, ...activity } }) as unknown as TurnContext;

test('only the bot itself being added or removed counts as an install or uninstall', () => {
  expect(botWasAdded(context({ membersAdded: [{ id: '29:x' }, { id: '28:bot' }] }))).toBe(true);
  expect(botWasAdded(context({ membersAdded: [{ id: '29:x' }] }))).toBe(false);
  expect(botWasAdded(context({}))).toBe(false);
  expect(botWasRemoved(context({ membersRemoved: [{ id: '28:bot' }] }))).toBe(true);
  expect(botWasRemoved(context({ membersRemoved: [{ id: '29:x' }] }))).toBe(false);
});
