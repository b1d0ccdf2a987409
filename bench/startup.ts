/**
 * `npm run bench -- startup`: how soon production answers `/healthz`. Builds (`npm run build`;
 * `--no-build` reuses dist/), then STARTUP_RUNS times (default 5) starts what `npm run start:prod`
 * and the Docker image run, `node <serve's flags> dist/cli/bundled-main.js serve`, with the
 * defaults (no MONGODB_URI: the in-process stand-in on its worker thread, a fresh DATA_DIR, no
 * platform credentials), polls /healthz every 10 ms and reads the process's resident memory
 * after 3 s idle.
 *
 * The baseline, measured in the same run the same way: a bare Bolt app with one /healthz route
 * (bench/support/bare-bolt.js), started with plain `node`. For comparison, also the unbundled
 * build, `node <serve's flags> dist/cli/main.js serve` (every module from its own file, no code cache).
 *
 * Prints time-to-healthy p50/min/max and idle RSS for each. Goal: the product healthy within 1 s.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveNodeFlags } = require('../bin/node-flags.js') as { serveNodeFlags: string[] };

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.STARTUP_RUNS ?? 5);
const IDLE_MS = 3000;

interface Sample {
  healthyMs: number;
  idleRssMb: number;
}

/** The resident set of a process, from /proc (Linux) or `ps` elsewhere. */
function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
  } catch {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  }
}

async function measure(args: string[], extraEnv: NodeJS.ProcessEnv): Promise<Sample> {
  const port = 41000 + Math.floor(Math.random() * 20000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-bench-startup-'));
  // The defaults a fresh `npm run start:prod` sees: no database URI, no platform credentials.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv };
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}:\n${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (performance.now() - started > 60_000) throw new Error(`${args.join(' ')}: no /healthz within 60 s:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const healthyMs = performance.now() - started;
    // bundled-main.js says when V8 did not take the build's code cache: that start is not the one to measure.
    if (stderr.includes('code cache')) throw new Error(`${args.join(' ')}:\n${stderr}`);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    return { healthyMs, idleRssMb: rssMb(child.pid!) };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, samples: Sample[]) => {
  const t = samples.map((s) => s.healthyMs);
  return `${label.padEnd(42)} healthy p50 ${median(t).toFixed(0)} ms (min ${Math.min(...t).toFixed(0)}, max ${Math.max(...t).toFixed(0)}); idle RSS p50 ${median(samples.map((s) => s.idleRssMb)).toFixed(0)} MB`;
};

(async () => {
  if (!process.argv.includes('--no-build')) {
    process.stdout.write('npm run build …\n');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'bundle.js'))) throw new Error('dist/cli/bundle.js is missing: run `npm run build`');
  const product: Sample[] = [];
  const unbundled: Sample[] = [];
  const bare: Sample[] = [];
  // Interleaved, so all see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    product.push(await measure([...serveNodeFlags, 'dist/cli/bundled-main.js', 'serve'], {}));
    unbundled.push(await measure([...serveNodeFlags, 'dist/cli/main.js', 'serve'], {}));
    bare.push(await measure([path.join(__dirname, 'support', 'bare-bolt.js')], {}));
  }
  process.stdout.write(
    [
      `startup: ${RUNS} runs each, node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`,
      line('node dist/cli/bundled-main.js serve', product),
      line('node dist/cli/main.js serve (unbundled)', unbundled),
      line('bare Bolt app (baseline)', bare),
      `ratio p50 ${(median(product.map((s) => s.healthyMs)) / median(bare.map((s) => s.healthyMs))).toFixed(1)}× bare Bolt; goal: product healthy within 1000 ms`,
    ].join('\n') + '\n',
  );
})().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
