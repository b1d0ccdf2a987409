import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { testMongoUri } from '../support/mongo';
import { parseDockerfile, type Stage } from './support/dockerfile';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveNodeFlags } = require('../../bin/node-flags.js') as { serveNodeFlags: string[] };

/**
 * The container image cannot be built on these machines (no Docker engine), so this test replays
 * the Dockerfile itself: each stage in its own temporary directory standing for WORKDIR, its COPY
 * lines from this checkout or an earlier stage, its RUN lines in a shell with its ENV, and then the
 * runtime stage's CMD — which must serve /healthz from dist/ and pass the HEALTHCHECK command.
 */
const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(15 * 60_000);

interface BuiltStage {
  dir: string;
  env: NodeJS.ProcessEnv;
  stage: Stage;
}

function replay(stage: Stage, built: Map<string, BuiltStage>): BuiltStage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zs-docker-${stage.name}-`));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, npm_config_cache: process.env.npm_config_cache };
  const inStage = (p: string) => path.join(dir, p.replace(/^\/app\/?/, ''));
  for (const step of stage.instructions) {
    switch (step.op) {
      case 'WORKDIR':
        expect(step.dir).toBe('/app');
        break;
      case 'ENV':
        env[step.name] = step.value;
        break;
      case 'COPY': {
        const base = step.from ? built.get(step.from)?.dir : ROOT;
        if (!base) throw new Error(`COPY --from=${step.from}: no such stage before this one`);
        for (const source of step.sources) {
          const from = step.from ? path.join(base, source.replace(/^\/app\/?/, '')) : path.join(base, source);
          const to = step.dest.endsWith('/') ? path.join(inStage(step.dest), path.basename(source)) : inStage(step.dest);
          fs.cpSync(from, to, { recursive: true, filter: (f) => !f.includes(`${path.sep}node_modules`) });
        }
        break;
      }
      case 'RUN': {
        // Paths under /app are this stage's directory; ownership belongs to the image, not to us,
        // and so does the npm cache the image empties (here it is the developer's own, shared with
        // any npm running at the same time).
        const command = step.command
          .replace(/\/app\b/g, dir)
          .replace(/&& chown [^&]*$/, '')
          .replace(/^chown .*/, 'true')
          .replace(/\s*&& npm cache clean --force/, '');
        execFileSync('sh', ['-c', command], { cwd: dir, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
        break;
      }
      default:
        break;
    }
  }
  return { dir, env, stage };
}

function lastOf<T extends Stage['instructions'][number]['op']>(stage: Stage, op: T) {
  return stage.instructions.filter((i) => i.op === op).pop() as Extract<Stage['instructions'][number], { op: T }> | undefined;
}

it('builds like the Dockerfile and serves /healthz from dist/ with production dependencies only', async () => {
  const stages = parseDockerfile(path.join(ROOT, 'Dockerfile'));
  const built = new Map<string, BuiltStage>();
  for (const stage of stages) built.set(stage.name, replay(stage, built));
  const runtime = built.get(stages[stages.length - 1]!.name)!;

  // Production dependencies only: no test tools or compilers of ours in the image (TypeScript may
  // still come in as i18next's peer), and no sources.
  for (const devOnly of ['jest', '@swc/core', 'playwright-core', '@sparticuz/chromium', 'mongodb-memory-server']) {
    expect({ devOnly, present: fs.existsSync(path.join(runtime.dir, 'node_modules', devOnly)) }).toEqual({ devOnly, present: false });
  }
  expect(fs.existsSync(path.join(runtime.dir, 'src'))).toBe(false);
  expect(fs.existsSync(path.join(runtime.dir, 'packages', 'embedded-mongo', 'src'))).toBe(false);
  // Without MONGODB_URI the image runs the in-process stand-in, compiled, on its worker thread.
  const embedded = spawnSync(
    process.execPath,
    ['-e', "require('@zorgspiegel/embedded-mongo').startEmbeddedMongoThread().then((s) => { console.log(s.uri); return s.stop(); })"],
    { cwd: runtime.dir, env: runtime.env, encoding: 'utf8', timeout: 60_000 },
  );
  expect({ status: embedded.status, stderr: embedded.stderr }).toEqual({ status: 0, stderr: '' });
  expect(embedded.stdout).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\n$/);
  expect(fs.existsSync(path.join(runtime.dir, 'node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'))).toBe(true);
  expect(runtime.stage.instructions.some((i) => i.op === 'USER' && i.args === 'node')).toBe(true);

  const cmd = lastOf(runtime.stage, 'CMD')!.argv;
  // serve's V8 heap limits, as in package.json's start scripts (test/app/node-flags.test.ts).
  expect(cmd).toEqual(['node', ...serveNodeFlags, 'dist/cli/bundled-main.js', 'serve']);
  const port = await freePort();
  const env = {
    ...runtime.env,
    DATA_DIR: path.join(runtime.dir, 'data'),
    PORT: String(port),
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: `dockerfile_${process.pid}`,
    RESPONDENT_KEY_SECRET: 'a'.repeat(64),
    LOG_LEVEL: 'info',
  };
  const started = Date.now();
  const child = spawn(process.execPath, cmd.slice(1), { cwd: runtime.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  try {
    let healthy = false;
    while (!healthy && Date.now() - started < 60_000) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log}`);
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(healthy).toBe(true);
    // The port answers as soon as it is open; the line saying so is written just after, and may
    // reach this pipe a moment later on a busy machine.
    for (const until = Date.now() + 10_000; !log.includes('Zorgspiegel is listening') && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    expect(log).toContain('Zorgspiegel is listening');
    // The build's code cache was made under the CMD's flags, so the server used it (no complaint).
    expect(log).not.toContain('code cache');

    const check = lastOf(runtime.stage, 'HEALTHCHECK')!.argv;
    const probe = spawnSync(check[0] === 'node' ? process.execPath : check[0]!, check.slice(1), { env, encoding: 'utf8' });
    expect(probe.status).toBe(0);

    // Under other flags V8 refuses the cache: the bundle still runs, only compiling as it goes, and serve says so.
    const other = spawn(process.execPath, ['--stack-size=900', 'dist/cli/bundled-main.js', 'serve'], { cwd: runtime.dir, env: { ...env, PORT: String(await freePort()) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let otherLog = '';
    const said = await new Promise<boolean>((resolve) => {
      other.stderr!.on('data', (d) => {
        otherLog += d;
        if (otherLog.includes('\n')) resolve(true);
      });
      other.once('exit', () => resolve(false));
    });
    other.kill('SIGKILL');
    expect({ said, otherLog }).toEqual({ said: true, otherLog: expect.stringContaining('the code cache was made for another Node version or other Node flags') });
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    for (const { dir } of built.values()) fs.rmSync(dir, { recursive: true, force: true });
  }
});
