import { DEFAULT_QUIET_HOURS } from '../core/tenant';
import { fromDocument, SCHEMA_VERSION, toDocument, upgradeDocument } from './schema-version';

describe('schema versions', () => {
  it('writes the current version and the domain id as _id', () => {
    expect(toDocument('rounds', { id: 'r1', title: 'x' }, 'id')).toEqual({ _id: 'r1', title: 'x', schemaVersion: SCHEMA_VERSION.rounds });
    expect(toDocument('responses', { roundId: 'r1' })).toEqual({ roundId: 'r1', schemaVersion: SCHEMA_VERSION.responses });
  });

  it('reads back without storage fields', () => {
    expect(fromDocument('rounds', { _id: 'r1', title: 'x', schemaVersion: 1 }, 'id')).toEqual({ id: 'r1', title: 'x' });
    expect(fromDocument('participations', { _id: 'oid', roundId: 'r1', schemaVersion: 1 })).toEqual({ roundId: 'r1' });
  });

  it('upgrades a v1 response: answers from a list to an object keyed by item id, nulls dropped', () => {
    const v1 = { roundId: 'r', answers: [{ itemId: 'A1-s1', value: 3 }, { itemId: 'A1-s2', value: null }, { itemId: 'R3', value: { x: 1 } }] };
    expect(upgradeDocument('responses', v1)).toEqual({ roundId: 'r', answers: { 'A1-s1': 3, R3: { x: 1 } }, complete: false, schemaVersion: 3 });
  });

  it('upgrades a v2 response: time stamps dropped, completedAt becomes the complete flag', () => {
    const at = new Date('2026-03-05T10:31:07.123Z');
    const v2 = { roundId: 'r', answers: {}, submittedSections: ['A'], createdAt: at, updatedAt: at, completedAt: at, schemaVersion: 2 };
    expect(upgradeDocument('responses', v2)).toEqual({ roundId: 'r', answers: {}, submittedSections: ['A'], complete: true, schemaVersion: 3 });
    expect(upgradeDocument('responses', { ...v2, completedAt: undefined })).toMatchObject({ complete: false });
  });

  it('upgrades a v1 participation: no moment of a status change survives', () => {
    const at = new Date('2026-03-05T10:31:07.123Z');
    const v1 = { roundId: 'r', status: 'completed', invitedAt: at, deliveredAt: at, startedAt: at, completedAt: at, updatedAt: at };
    expect(upgradeDocument('participations', v1)).toEqual({ roundId: 'r', status: 'delivered', invitedAt: at, schemaVersion: 3 });
  });

  it('upgrades a v2 participation: no "started" or "completed" per person, a decline stays', () => {
    for (const status of ['started', 'completed']) expect(upgradeDocument('participations', { roundId: 'r', status, schemaVersion: 2 })).toEqual({ roundId: 'r', status: 'delivered', schemaVersion: 3 });
    for (const status of ['pending', 'delivered', 'opted_out', 'undeliverable']) expect(upgradeDocument('participations', { roundId: 'r', status, schemaVersion: 2 })).toEqual({ roundId: 'r', status, schemaVersion: 3 });
  });

  it('upgrades a v1 tenant with default quiet hours and time zone, keeping what it had', () => {
    const upgraded = upgradeDocument('tenants', { settings: { language: 'en', timeZone: 'Europe/Amsterdam' }, schemaVersion: 1 });
    expect(upgraded).toEqual({ settings: { language: 'en', timeZone: 'Europe/Amsterdam', quietHours: DEFAULT_QUIET_HOURS }, schemaVersion: 3 });
    // A copy, so editing one tenant's quiet hours cannot change the default.
    expect(upgraded.settings.quietHours.days).not.toBe(DEFAULT_QUIET_HOURS.days);
  });

  it('reads a v2 Teams tenant as a school named after the team whose General channel it posted to', () => {
    const settings = { teamChannel: { id: '19:t', name: 'Campus Noord › Algemeen' } };
    expect(upgradeDocument('tenants', { platform: 'teams', settings, schemaVersion: 2 })).toEqual({ platform: 'teams', name: 'Campus Noord', settings, schemaVersion: 3 });
    expect(upgradeDocument('tenants', { platform: 'teams', name: 'Eigen naam', settings, schemaVersion: 2 }).name).toBe('Eigen naam');
    expect(upgradeDocument('tenants', { platform: 'slack', settings: { teamChannel: { id: 'C1', name: 'team' } }, schemaVersion: 2 })).not.toHaveProperty('name');
  });

  it('leaves current and newer documents as they are', () => {
    const current = { answers: { a: 1 }, complete: false, schemaVersion: 3 };
    expect(upgradeDocument('responses', current)).toEqual(current);
    expect(upgradeDocument('responses', { answers: { a: 1 }, extra: true, schemaVersion: 4 })).toEqual({ answers: { a: 1 }, extra: true, schemaVersion: 4 });
  });
});
