import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serveNodeFlags } = require('../../bin/node-flags.js') as { serveNodeFlags: string[] };
const root = path.join(__dirname, '..', '..');

describe("serve's V8 heap flags", () => {
  it('are the same in the npm start scripts and the Docker image', () => {
    const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['start', 'start:prod']) expect(scripts[name]).toContain(`node ${serveNodeFlags.join(' ')} `);
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(runtime).toContain(`CMD ${JSON.stringify(['node', ...serveNodeFlags, 'dist/cli/bundled-main.js', 'serve']).replace(/","/g, '", "')}`);
  });

  it('are accepted by node and cap the heap', () => {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    const limitMb = Number(execFileSync(process.execPath, [...serveNodeFlags, '-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20))"]).toString());
    // The old space's 256 MB plus the young generation (three 16 MB semi-spaces, as V8 counts
    // them), where node alone would allow some gigabytes.
    expect(limitMb).toBeLessThanOrEqual(256 + 3 * 16);
    const unflagged = Number(execFileSync(process.execPath, ['-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit / 2 ** 20))"]).toString());
    expect(unflagged).toBeGreaterThan(2 * limitMb);
  });
});
