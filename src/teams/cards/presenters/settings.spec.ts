import { defaultTenantSettings, type Tenant } from '../../../core/tenant';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { settingsCard } from './settings';

const tenant: Tenant = {
  id: 'teams:t',
  platform: 'teams',
  externalId: 't',
  settings: defaultTenantSettings({ coordinators: ['a', 'gone'], teamChannel: { id: 'c-old', name: 'Oud' } }),
  createdAt: new Date(),
  updatedAt: new Date(),
};

test('current values are selected, and a current channel or coordinator the bot no longer sees stays offered', () => {
  const card = settingsCard('nl', tenant, { channels: [{ id: 'c1', name: 'Leraren › Algemeen' }], people: [{ id: 'a', name: 'Els' }] });
  assertValidCard(card);
  const json = JSON.stringify(card);
  expect(json).toContain('"value":"c-old"');
  expect(json).toContain('"title":"Oud","value":"c-old"');
  expect(json).toContain('"value":"a,gone"');
  expect(json).toContain('"title":"gone","value":"gone"');
  expect(json).toContain('"min":3');
  expect(card.actions).toEqual([expect.objectContaining({ verb: 'saveSettings' })]);
});

test('errors and the saved banner', () => {
  const json = JSON.stringify(settingsCard('en', tenant, { channels: [], people: [] }, { anonymityThreshold: 'At least 3' }, true));
  expect(json).toContain('At least 3');
  expect(json).toContain('Settings saved.');
});
