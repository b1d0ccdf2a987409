import { memoryDownloads } from '../../core/testing/memory-downloads';
import { EXPORT_PATH, ExportLinks } from './export-links';

test('an export gets an unguessable link that works for its lifetime only', async () => {
  let now = Date.parse('2026-03-03T09:00:00Z');
  const links = new ExportLinks(memoryDownloads(), { now: () => new Date(now) }, () => 'https://bot.example/', 15 * 60_000);
  const file = { filename: 'r.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data: Buffer.from('PK') };
  const a = await links.offer(file);
  const b = await links.offer(file);
  expect(a.minutes).toBe(15);
  expect(a.url).toMatch(new RegExp(`^https://bot\\.example${EXPORT_PATH}/[A-Za-z0-9_-]{32}$`));
  expect(a.url).not.toBe(b.url);
  const token = a.url.split('/').pop()!;
  expect(await links.get(token)).toEqual(file);
  now += 15 * 60_000;
  expect(await links.get(token)).toBeUndefined();
  expect(await links.get('unknown')).toBeUndefined();
});
