import pino, { type Logger } from 'pino';

export type { Logger };

/** One structured logger for the process; tests pass `silent`. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'zorgspiegel' }, redact: ['*.password', '*.token', '*.secret'] });
}
