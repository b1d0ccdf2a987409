import { isSurveyError } from '../../src/core/errors';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, sampleRound } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe('rounds', () => {
  it('stores a round with its frozen questionnaire and reads it back unchanged, Dates as Dates', async () => {
    const round = sampleRound();
    await t.repos.rounds.insert(round);
    const stored = await t.repos.rounds.get(round.id);
    expect(stored).toEqual(round);
    expectNoStorageFields(stored!);
    expect(stored!.opensAt).toBeInstanceOf(Date);
    const raw = await t.db.collection('rounds').findOne({ _id: round.id as never });
    expect(raw).toMatchObject({ _id: round.id, schemaVersion: 1, state: 'draft' });
    expect(raw).not.toHaveProperty('id');
  });

  it('inserting the same round twice keeps one', async () => {
    const round = sampleRound();
    await t.repos.rounds.insert(round);
    await t.repos.rounds.insert(round);
    expect(await t.db.collection('rounds').countDocuments({ _id: round.id as never })).toBe(1);
  });

  it('get returns null for an unknown round', async () => {
    expect(await t.repos.rounds.get('nope')).toBeNull();
  });

  it('lists a tenant’s rounds newest first, by state and with a limit', async () => {
    const tenantId = 'slack:LIST';
    const r1 = sampleRound({ tenantId, createdAt: at(1), state: 'published' });
    const r2 = sampleRound({ tenantId, createdAt: at(2), state: 'open' });
    const r3 = sampleRound({ tenantId, createdAt: at(3), state: 'draft' });
    const other = sampleRound({ tenantId: 'slack:OTHER', createdAt: at(4) });
    for (const r of [r2, other, r1, r3]) await t.repos.rounds.insert(r);

    expect((await t.repos.rounds.listByTenant(tenantId)).map((r) => r.id)).toEqual([r3.id, r2.id, r1.id]);
    expect((await t.repos.rounds.listByTenant(tenantId, { states: ['open', 'published'] })).map((r) => r.id)).toEqual([r2.id, r1.id]);
    expect((await t.repos.rounds.listByTenant(tenantId, { limit: 2 })).map((r) => r.id)).toEqual([r3.id, r2.id]);
    expect(await t.repos.rounds.listByTenant('slack:NONE')).toEqual([]);
  });

  it('transition is a compare-and-set: it moves a round only from the expected state', async () => {
    const round = sampleRound({ state: 'open' });
    await t.repos.rounds.insert(round);
    const closed = await t.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: at(10) });
    expect(closed).toEqual({ ...round, state: 'closed', closedAt: at(10) });
    // Still "open" expected, but it is closed now: nothing happens.
    expect(await t.repos.rounds.transition(round.id, 'open', 'cancelled', { cancelledAt: at(11) })).toBeNull();
    expect((await t.repos.rounds.get(round.id))!.state).toBe('closed');
    expect(await t.repos.rounds.transition('nope', 'open', 'closed', {})).toBeNull();
  });

  it('two processes closing the same round at once close it once', async () => {
    const round = sampleRound({ state: 'open' });
    await t.repos.rounds.insert(round);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => t.repos.rounds.transition(round.id, 'open', 'closed', { closedAt: at(i) })));
    const winners = results.filter((r) => r !== null);
    expect(winners).toHaveLength(1);
    expect((await t.repos.rounds.get(round.id))!.closedAt).toEqual(winners[0]!.closedAt);
  });

  it('a patch cannot change the id or the state behind the compare-and-set', async () => {
    const round = sampleRound({ state: 'draft' });
    await t.repos.rounds.insert(round);
    const moved = await t.repos.rounds.transition(round.id, 'draft', 'open', { id: 'other', state: 'published', openedAt: at(1) });
    expect(moved).toMatchObject({ id: round.id, state: 'open', openedAt: at(1) });
  });

  it('refuses a transition the round life cycle does not allow', async () => {
    const round = sampleRound({ state: 'published' });
    await t.repos.rounds.insert(round);
    const error = await t.repos.rounds.transition(round.id, 'published', 'open', {}).catch((e: unknown) => e);
    expect(isSurveyError(error) && error.code).toBe('illegal_transition');
    expect((await t.repos.rounds.get(round.id))!.state).toBe('published');
  });

  it('previousPublished finds the latest published round before a moment', async () => {
    const tenantId = 'slack:TREND';
    const old = sampleRound({ tenantId, state: 'published', publishedAt: at(10) });
    const newer = sampleRound({ tenantId, state: 'published', publishedAt: at(20) });
    const closedOnly = sampleRound({ tenantId, state: 'closed', closedAt: at(25) });
    const later = sampleRound({ tenantId, state: 'published', publishedAt: at(40) });
    const otherTenant = sampleRound({ tenantId: 'slack:ELSE', state: 'published', publishedAt: at(30) });
    for (const r of [old, newer, closedOnly, later, otherTenant]) await t.repos.rounds.insert(r);

    expect((await t.repos.rounds.previousPublished(tenantId, at(30)))!.id).toBe(newer.id);
    expect((await t.repos.rounds.previousPublished(tenantId, at(15)))!.id).toBe(old.id);
    expect(await t.repos.rounds.previousPublished(tenantId, at(10))).toBeNull();
  });

  it('previousPublished with dimensions finds the school\'s latest round that asked exactly those, in any order', async () => {
    const tenantId = 'teams:T:school-a';
    const same = sampleRound({ tenantId, state: 'published', publishedAt: at(10), dimensionIds: ['C', 'A1'] });
    const sameOlder = sampleRound({ tenantId, state: 'published', publishedAt: at(5), dimensionIds: ['A1', 'C'] });
    const more = sampleRound({ tenantId, state: 'published', publishedAt: at(20), dimensionIds: ['A1', 'C', 'D'] });
    const fewer = sampleRound({ tenantId, state: 'published', publishedAt: at(25), dimensionIds: ['A1'] });
    const otherSchool = sampleRound({ tenantId: 'teams:T', state: 'published', publishedAt: at(28), dimensionIds: ['A1', 'C'] });
    for (const r of [same, sameOlder, more, fewer, otherSchool]) await t.repos.rounds.insert(r);

    expect((await t.repos.rounds.previousPublished(tenantId, at(30), { dimensionIds: ['A1', 'C'] }))!.id).toBe(same.id);
    expect((await t.repos.rounds.previousPublished(tenantId, at(30)))!.id).toBe(fewer.id);
    expect((await t.repos.rounds.previousPublished(tenantId, at(30), { dimensionIds: ['A1', 'C', 'D'] }))!.id).toBe(more.id);
    expect(await t.repos.rounds.previousPublished(tenantId, at(30), { dimensionIds: ['B'] })).toBeNull();
    expect((await t.repos.rounds.previousPublished('teams:T', at(30), { dimensionIds: ['A1', 'C'] }))!.id).toBe(otherSchool.id);
  });
});
