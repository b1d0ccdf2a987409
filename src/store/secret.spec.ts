import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRespondentKeySecret, SECRET_FILE } from './secret';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'zs-secret-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadRespondentKeySecret', () => {
  it('uses RESPONDENT_KEY_SECRET when set and writes nothing', () => {
    const secret = 'x'.repeat(40);
    expect(loadRespondentKeySecret({ env: { RESPONDENT_KEY_SECRET: secret, DATA_DIR: dir } })).toBe(secret);
    expect(() => statSync(path.join(dir, SECRET_FILE))).toThrow();
  });

  it('otherwise generates 32 random bytes once, stores them with mode 0600 and reuses them', () => {
    const dataDir = path.join(dir, 'nested', 'data');
    const first = loadRespondentKeySecret({ env: { DATA_DIR: dataDir } });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(loadRespondentKeySecret({ env: { DATA_DIR: dataDir } })).toBe(first);
    expect(loadRespondentKeySecret({ env: { DATA_DIR: path.join(dir, 'elsewhere') } })).not.toBe(first);
  });

  it('refuses a secret file that holds too little to be a secret', () => {
    writeFileSync(path.join(dir, SECRET_FILE), 'short\n');
    expect(() => loadRespondentKeySecret({ env: { DATA_DIR: dir } })).toThrow(/fewer than 32 characters/);
  });
});
