import type { SummaryRecord } from '../../src/core/ports';
import { openTestDatabase, type TestDatabase } from '../support/mongo';
import { at, expectNoStorageFields, T0 } from './fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const record = (roundId: string, chartToken: string, extra: Partial<SummaryRecord> = {}): SummaryRecord => ({
  roundId,
  tenantId: 'slack:T1',
  summary: { respondents: 7, dimensions: [{ id: 'C', mean: 3.9, distribution: { 1: 0, 2: 1 } }], computedFor: T0 },
  chartToken,
  computedAt: T0,
  ...extra,
});

describe('summaries', () => {
  it('saveOnce stores the first snapshot and keeps it', async () => {
    const first = record('r1', 'tok-1');
    expect(await t.repos.summaries.saveOnce(first)).toEqual(first);
    const second = await t.repos.summaries.saveOnce(record('r1', 'tok-other', { summary: { respondents: 8 }, computedAt: at(5) }));
    expect(second).toEqual(first);
    expect(await t.repos.summaries.get('r1')).toEqual(first);
    expectNoStorageFields((await t.repos.summaries.get('r1'))!);
    expect(await t.db.collection('summaries').countDocuments({ roundId: 'r1' })).toBe(1);
  });

  it('five concurrent closes agree on one summary', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => t.repos.summaries.saveOnce(record('r-race', `tok-race-${n}`, { computedAt: at(n) }))));
    expect(new Set(results.map((r) => r.chartToken)).size).toBe(1);
    expect((await t.repos.summaries.get('r-race'))!.chartToken).toBe(results[0]!.chartToken);
  });

  it('a chart token belongs to one round only', async () => {
    await t.repos.summaries.saveOnce(record('r-tok-a', 'tok-shared'));
    await expect(t.repos.summaries.saveOnce(record('r-tok-b', 'tok-shared'))).rejects.toMatchObject({ code: 11000 });
  });

  it('finds a summary by its chart token and keeps the PNG as a Buffer', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await t.repos.summaries.saveOnce(record('r-png', 'tok-png', { chartPng: png }));
    const found = await t.repos.summaries.getByChartToken('tok-png');
    expect(found!.roundId).toBe('r-png');
    expect(Buffer.isBuffer(found!.chartPng)).toBe(true);
    expect(found!.chartPng!.equals(png)).toBe(true);
    expect(await t.repos.summaries.getByChartToken('nope')).toBeNull();
    expect(await t.repos.summaries.get('nope')).toBeNull();
  });

  it('update changes the snapshot until it is published, never after', async () => {
    await t.repos.summaries.saveOnce(record('r-upd', 'tok-upd'));
    await t.repos.summaries.update('r-upd', { summary: { respondents: 7, moderated: true }, chartPng: Buffer.from('png') });
    await t.repos.summaries.update('r-upd', { publishedAt: at(10) });
    await t.repos.summaries.update('r-upd', { summary: { changed: 'after publishing' } });
    const stored = await t.repos.summaries.get('r-upd');
    expect(stored).toMatchObject({ summary: { respondents: 7, moderated: true }, publishedAt: at(10) });
    expect(stored!.chartPng!.toString()).toBe('png');
  });
});
