import fs from 'node:fs';
import path from 'node:path';
import { envSchema, parseEnv } from './env';

const examplePath = path.join(__dirname, '..', '..', '.env.example');
const lines = fs.readFileSync(examplePath, 'utf8').split('\n');
const listed = lines.filter((l) => /^[A-Za-z_]+=/.test(l)).map((l) => l.slice(0, l.indexOf('=')));

describe('.env.example', () => {
  it('lists every variable the configuration schema knows, and nothing else', () => {
    const known = Object.keys(envSchema.shape).sort();
    expect([...listed].sort()).toEqual(known);
  });

  it('explains every variable with a comment right above it (or above its group)', () => {
    for (const name of listed) {
      const i = lines.findIndex((l) => l.startsWith(`${name}=`));
      const above = lines.slice(Math.max(0, i - 6), i).join('\n');
      expect(above).toMatch(/#/);
    }
  });

  it('is itself a valid configuration', () => {
    const values = Object.fromEntries(lines.filter((l) => /^[A-Za-z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(() => parseEnv(values)).not.toThrow();
  });
});
