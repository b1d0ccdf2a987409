import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { SurveyError } from '../../src/core/errors';
import type { Logger } from '../../src/log';
import { connectStore, StoreConnectError, StoreUnavailableError } from '../../src/store';
import { startInProcessServer } from '../../src/store/server-selection';
import { T0 } from './fixtures';

/** A logger whose lines the test can read. */
function captureLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** Where no mongod is cached, so the choice does not depend on the machine running the test. */
let emptyPlaces: string;
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zs-store-'));
  tempDirs.push(dir);
  return dir;
};
beforeAll(() => {
  emptyPlaces = tempDir();
});
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('connectStore', () => {
  it('without MONGODB_URI or a local mongod, runs the in-process server on DATA_DIR, and the data survives a restart', async () => {
    const dataDir = tempDir();
    const env = { MONGODB_URI: undefined, MONGODB_DB: 'zorgspiegel', DATA_DIR: dataDir };
    const lookup = { cwd: emptyPlaces, homedir: emptyPlaces };
    const { logger, lines } = captureLogger();

    const first = await connectStore({ env, logger, processEnv: {}, lookup });
    expect(first.server.kind).toBe('in-process');
    expect(lines.join('')).toMatch(/store: using in-process MongoDB-compatible server .*at mongodb:\/\/127\.0\.0\.1:\d+/);
    await first.repos.responses.saveAnswers('r1', 'k1', { 'C-s1': 4, 'C-strengths': 'blijft bewaard' }, T0);
    await first.repos.jobs.enqueue({ kind: 'close-round', key: 'close:r1', tenantId: 't', payload: { roundId: 'r1' }, runAt: T0 }, T0);
    await first.close();

    const second = await connectStore({ env, logger, processEnv: {}, lookup });
    try {
      expect((await second.repos.responses.get('r1', 'k1'))!.answers).toEqual({ 'C-s1': 4, 'C-strengths': 'blijft bewaard' });
      expect(await second.repos.jobs.countByStatus()).toEqual({ pending: 1 });
      // The unique indexes came back too: the same job key is still refused.
      expect(await second.repos.jobs.enqueue({ kind: 'close-round', key: 'close:r1', tenantId: 't', payload: { roundId: 'r1' }, runAt: T0 }, T0)).toBe(false);
    } finally {
      await second.close();
    }
  });

  it('a mongod on disk that will not run does not stop a local start: it falls back to the in-process server', async () => {
    const binary = path.join(tempDir(), 'mongod');
    writeFileSync(binary, '#!/bin/sh\nexit 1\n');
    chmodSync(binary, 0o755);
    const { logger, lines } = captureLogger();
    const store = await connectStore({
      env: { MONGODB_URI: undefined, MONGODB_DB: 'zorgspiegel', DATA_DIR: tempDir() },
      logger,
      processEnv: { MONGOMS_SYSTEM_BINARY: binary },
      lookup: { cwd: emptyPlaces, homedir: emptyPlaces },
      persist: false,
    });
    try {
      expect(store.server.kind).toBe('in-process');
      expect(lines.join('')).toContain('mongodb-memory-server could not start that mongod');
      await store.repos.jobs.enqueue({ kind: 'close-round', key: 'k', tenantId: 't', payload: {}, runAt: T0 }, T0);
      expect(await store.repos.jobs.countByStatus()).toEqual({ pending: 1 });
    } finally {
      await store.close();
    }
  });

  it('fails fast on an unreachable MONGODB_URI, naming the host but never the password', async () => {
    const { logger, lines } = captureLogger();
    const started = Date.now();
    const error = await connectStore({
      env: { MONGODB_URI: 'mongodb://zorg:secret@127.0.0.1:1/zorgspiegel?authSource=admin', MONGODB_DB: 'zorgspiegel', DATA_DIR: tempDir() },
      logger,
      serverSelectionTimeoutMS: 500,
    }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(StoreConnectError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Cannot reach MongoDB at 127\.0\.0\.1:1 \(/);
    expect(message).not.toContain('secret');
    expect(lines.join('')).toContain('MONGODB_URI (127.0.0.1:1)');
    expect(lines.join('')).not.toContain('secret');
  });

  it('turns a lost server into store_unavailable, and the same client works again once the server is back', async () => {
    const probe = await startInProcessServer();
    const port = Number(new URL(probe.uri).port);
    await probe.stop();

    let server = await startInProcessServer({ port });
    const { logger } = captureLogger();
    const store = await connectStore({ env: { MONGODB_URI: server.uri, MONGODB_DB: 'zorgspiegel', DATA_DIR: tempDir() }, logger, serverSelectionTimeoutMS: 1000 });
    try {
      await store.repos.responses.saveAnswers('r1', 'k1', { 'C-s1': 1 }, T0);
      await server.stop();

      const error = await store.repos.responses.saveAnswers('r1', 'k1', { 'C-s1': 2 }, T0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toBeInstanceOf(SurveyError);
      expect((error as SurveyError).code).toBe('store_unavailable');
      await expect(store.repos.responses.get('r1', 'k1')).rejects.toMatchObject({ code: 'store_unavailable' });

      server = await startInProcessServer({ port });
      // The driver finds the server again by itself; give its monitor a moment.
      let saved = false;
      for (let i = 0; i < 40 && !saved; i++) {
        saved = await store.repos.responses.saveAnswers('r2', 'k1', { 'C-s1': 3 }, T0).then(
          () => true,
          (e: unknown) => {
            if (!(e instanceof StoreUnavailableError)) throw e;
            return new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 250));
          },
        );
      }
      expect(saved).toBe(true);
      expect((await store.repos.responses.get('r2', 'k1'))!.answers).toEqual({ 'C-s1': 3 });
    } finally {
      await store.close();
      await server.stop();
    }
  });
});
