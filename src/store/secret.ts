import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';

export const SECRET_FILE = 'respondent-key.secret';

/**
 * The secret respondent keys are HMAC'ed with. Production sets RESPONDENT_KEY_SECRET (the config
 * requires it there). For development it is generated once and kept in DATA_DIR with mode 0600,
 * so a restart gives every respondent the same key again — losing it would split each person's
 * answers over two keys.
 */
export function loadRespondentKeySecret(options: { env: { RESPONDENT_KEY_SECRET?: string; DATA_DIR: string }; logger?: Logger }): string {
  const { env, logger } = options;
  if (env.RESPONDENT_KEY_SECRET) return env.RESPONDENT_KEY_SECRET;
  const file = path.resolve(env.DATA_DIR, SECRET_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
    throw new Error(`${file} holds no usable secret (fewer than 32 characters); remove it to generate a new one`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    // "wx": if another process created it a moment ago, keep theirs rather than overwrite it.
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw e;
  }
  logger?.warn({ file }, 'RESPONDENT_KEY_SECRET is not set: generated a development secret and stored it in DATA_DIR (set RESPONDENT_KEY_SECRET in production)');
  return secret;
}
