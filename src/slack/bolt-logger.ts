import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../log';

/**
 * Bolt's, Socket Mode's and the Web API client's log lines, through our pino logger (one format,
 * one level) — except their debug lines, which are dropped whatever LOG_LEVEL says: they carry
 * whole payloads and request bodies (a user id next to what that person typed in a form), and no
 * log may link a person to an answer.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack-bolt' });
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => child.info(text(msg)),
    warn: (...msg: unknown[]) => child.warn(text(msg)),
    error: (...msg: unknown[]) => child.error(text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
