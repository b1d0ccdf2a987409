import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A busy PORT ends `zorgspiegel serve` with one line naming the port, instead of a process that
 * logs "listening" and runs its scheduler without HTTP.
 */
const ROOT = path.join(__dirname, '..', '..');
jest.setTimeout(120_000);

it('exits with one line when the port is taken', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const port = (blocker.address() as { port: number }).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-listen-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'info' };
  for (const k of Object.keys(env)) if (k.startsWith('SLACK_') || k.startsWith('Microsoft') || k === 'MONGODB_URI' || k === 'RESPONDENT_KEY_SECRET') delete env[k];
  try {
    const child = spawn(process.execPath, ['bin/zorgspiegel.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`Cannot listen on PORT=${port}: the port is already in use (EADDRINUSE). Stop the other process or set PORT to a free port.`]);
    expect(stdout).not.toContain('Zorgspiegel is listening');
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
