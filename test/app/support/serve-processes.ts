import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../support/free-port';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface ServeProcess {
  index: number;
  port: number;
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  log(): string;
}

/**
 * `zorgspiegel serve` as an operator runs it (bin/zorgspiegel.js), once per process, each on its
 * own port with the same environment otherwise: the replicas of one deployment. Resolves when
 * every one logs that it listens.
 */
export async function startServeProcesses(count: number, env: Record<string, string>, timeoutMs = 90_000): Promise<ServeProcess[]> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // Nothing from the developer's shell or .env decides what these processes connect to.
  for (const k of Object.keys(base)) if (k.startsWith('SLACK_') || k.startsWith('Microsoft') || k.startsWith('TEAMS_') || k === 'MONGODB_URI' || k === 'PUBLIC_URL') delete base[k];
  const processes: ServeProcess[] = [];
  for (let index = 0; index < count; index++) {
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/zorgspiegel.js', 'serve'], { cwd: ROOT, env: { ...base, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    processes.push({ index, port, child, log: () => out });
  }
  await Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`process ${p.index} did not start within ${timeoutMs} ms:\n${p.log()}`)), timeoutMs);
          const onExit = (code: number | null) => reject(new Error(`process ${p.index} exited with ${code}:\n${p.log()}`));
          p.child.once('exit', onExit);
          const poll = setInterval(() => {
            if (p.log().includes('Zorgspiegel is listening')) {
              clearInterval(poll);
              clearTimeout(timer);
              p.child.off('exit', onExit);
              resolve();
            }
          }, 100);
        }),
    ),
  ).catch(async (e: unknown) => {
    await stopServeProcesses(processes);
    throw e;
  });
  return processes;
}

/** SIGTERM to each, and waits until every one has exited. */
export async function stopServeProcesses(processes: ServeProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.child.exitCode !== null || p.child.signalCode !== null) return;
      const exited = new Promise((resolve) => p.child.once('exit', resolve));
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
