import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '@zorgspiegel/embedded-mongo';
import { freePort } from '../support/free-port';

/**
 * `npm start` on a fresh checkout: no MONGODB_URI, no platform credentials. It must start, keep
 * its data in DATA_DIR, and find it again after a restart.
 */
const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(120_000);

function serve(dataDir: string, port: number): Promise<{ child: ChildProcess; log: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'info' };
  for (const k of Object.keys(env)) if (k.startsWith('SLACK_') || k.startsWith('Microsoft') || k === 'MONGODB_URI' || k === 'RESPONDENT_KEY_SECRET') delete env[k];
  const child = spawn(process.execPath, ['bin/zorgspiegel.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
    const poll = setInterval(() => {
      if (out.includes('Zorgspiegel is listening')) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, log: () => out });
      }
    }, 100);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

it('starts on embedded defaults, serves the playground and keeps its data across a restart', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-start-'));
  const port = await freePort();

  const first = await serve(dataDir, port);
  expect(first.log()).toContain('in-process MongoDB-compatible server');
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(await health.json()).toEqual({ ok: true });
  const page = await fetch(`http://127.0.0.1:${port}/`);
  expect(await page.text()).toContain('<title>Zorgspiegel</title>');
  await stop(first.child);
  const secret = fs.readFileSync(path.join(dataDir, 'respondent-key.secret'), 'utf8');

  const second = await serve(dataDir, await freePort());
  await stop(second.child);
  // The same secret, so respondents keep their pseudonyms across restarts.
  expect(fs.readFileSync(path.join(dataDir, 'respondent-key.secret'), 'utf8')).toBe(secret);

  // Read what the two runs stored, through the real driver, from the same data directory.
  const mongo = await startEmbeddedMongo({ dataDir: path.join(dataDir, 'embedded-mongo') });
  const client = await MongoClient.connect(mongo.uri);
  try {
    const tenants = await client.db('zorgspiegel').collection('tenants').find({}).toArray();
    expect(tenants.map((t) => t._id)).toEqual(['teams:playground']);
    const installations = await client.db('zorgspiegel').collection('installations').countDocuments();
    expect(installations).toBeGreaterThan(0);
  } finally {
    await client.close();
    await mongo.stop();
  }
});
