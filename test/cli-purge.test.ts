import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Quote } from '../src/core/ports';
import { makeRound, TEST_NOW } from '../src/core/testing/fixtures';
import { cutoffFrom } from '../src/cli/purge-command';
import { openTestDatabase, testMongoUri, type TestDatabase } from './support/mongo';

/**
 * `zorgspiegel purge` as an operator runs it: a fresh process on the configured database
 * (MONGODB_URI / MONGODB_DB), deleting raw answers of published rounds before their time.
 */
const ROOT = path.resolve(__dirname, '..');
const TIMEOUT = 30_000;
const DAY = 86_400_000;

function zorgspiegel(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/zorgspiegel.js', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'silent', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT - 2_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let t: TestDatabase;
let env: Record<string, string>;
const now = Date.now();

async function seed(id: string, overrides: Parameters<typeof makeRound>[0]): Promise<void> {
  await t.repos.rounds.insert(makeRound({ id, title: `Ronde ${id}`, ...overrides }));
  for (const key of ['a', 'b', 'c']) {
    await t.repos.responses.saveAnswers(id, key, { 'X-s1': 4, 'X-strengths': `Antwoord ${key}` }, TEST_NOW);
    await t.repos.responses.markSectionSubmitted(id, key, 'X', false, TEST_NOW);
  }
  const quote: Quote = { id: `${id}-q`, roundId: id, itemId: 'X-strengths', section: 'X', text: 'Verborgen tekst', status: 'hidden', themes: [], order: 1, createdAt: TEST_NOW, updatedAt: TEST_NOW };
  await t.repos.quotes.insertMany([quote]);
}

beforeAll(async () => {
  t = await openTestDatabase();
  env = { MONGODB_URI: testMongoUri(), MONGODB_DB: t.db.databaseName };
  await seed('old', { state: 'published', publishedAt: new Date(now - 400 * DAY) });
  await seed('recent', { state: 'published', publishedAt: new Date(now - 30 * DAY) });
  await seed('running', { state: 'open' });
});
afterAll(() => t.close());

const responsesOf = (roundId: string) => t.db.collection('responses').countDocuments({ roundId });

describe('zorgspiegel purge', () => {
  it(
    '--round deletes one published round\'s raw answers and its hidden quote\'s text; a running round is refused',
    async () => {
      const refused = await zorgspiegel(['purge', '--round', 'running'], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is open: its answers are kept until it is published or cancelled');
      expect(await responsesOf('running')).toBe(3);

      const done = await zorgspiegel(['purge', '--round', 'recent'], env);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('Deleted the raw answers of "Ronde recent" (recent): 3 responses.');
      expect(await responsesOf('recent')).toBe(0);
      expect(await t.repos.quotes.get('recent-q')).toMatchObject({ status: 'hidden', text: '', textDeleted: true });
      expect((await t.repos.rounds.get('recent'))!.answersPurgedAt).toBeInstanceOf(Date);

      const unknown = await zorgspiegel(['purge', '--round', 'nope'], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('No round with id "nope"');
    },
    TIMEOUT * 3,
  );

  it(
    '--older-than takes the rounds published before the cutoff only',
    async () => {
      const bad = await zorgspiegel(['purge', '--older-than', 'soon'], env);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('neither a duration');
      const done = await zorgspiegel(['purge', '--older-than', '12mo'], env);
      expect(done.stderr).toBe('');
      expect(done.code).toBe(0);
      expect(done.stdout).toContain('"Ronde old" (old): 3 responses');
      expect(await responsesOf('old')).toBe(0);
      expect(await responsesOf('running')).toBe(3);
    },
    TIMEOUT * 3,
  );
});

describe('cutoffFrom', () => {
  const at = new Date('2026-03-31T10:00:00.000Z');
  it('reads durations and dates, and nothing else', () => {
    expect(cutoffFrom('90d', at)).toEqual(new Date('2025-12-31T10:00:00.000Z'));
    expect(cutoffFrom('2w', at)).toEqual(new Date('2026-03-17T10:00:00.000Z'));
    expect(cutoffFrom('12mo', at)).toEqual(new Date('2025-03-31T10:00:00.000Z'));
    expect(cutoffFrom('1y', at)).toEqual(new Date('2025-03-31T10:00:00.000Z'));
    expect(cutoffFrom('2025-09-01', at)).toEqual(new Date('2025-09-01T00:00:00.000Z'));
    for (const bad of ['12', '12m', '-3d', '2025-02-30', 'soon', '']) expect(cutoffFrom(bad, at)).toBeUndefined();
  });
});
