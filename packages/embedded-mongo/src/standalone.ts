/**
 * `zorgspiegel embedded-mongo [--port N] [--data-dir DIR] [--host H]`: runs the development/test
 * stand-in as its own process, e.g. for the local demo (`--data-dir ./.data`). Not for production.
 */
import type pinoModule from 'pino';
import { startEmbeddedMongo } from './index';

const USAGE = 'usage: zorgspiegel embedded-mongo [--port N (default 27017)] [--data-dir DIR] [--host HOST (default 127.0.0.1)]';

export interface StandaloneArgs {
  port: number;
  host: string;
  dataDir?: string;
}

export function parseStandaloneArgs(argv: readonly string[]): StandaloneArgs {
  const args: StandaloneArgs = { port: 27017, host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const port = Number(raw);
        if (!/^\d+$/.test(raw) || port > 65535) throw new Error(`invalid --port '${raw}'\n${USAGE}`);
        args.port = port;
        break;
      }
      case '--data-dir':
        args.dataDir = value();
        break;
      case '--host':
        args.host = value();
        break;
      default:
        throw new Error(`unknown argument '${arg}'\n${USAGE}`);
    }
  }
  return args;
}

/**
 * Starts the server, prints its URI on stdout (logs go to stderr) and resolves once SIGINT or
 * SIGTERM has stopped it cleanly (final snapshot written, port released).
 */
export async function runStandalone(argv: readonly string[]): Promise<void> {
  const args = parseStandaloneArgs(argv);
  // Required here: the index exports this file, and the server's worker thread (or an app that
  // only starts the server) has no use for pino.
  const pino = require('pino') as typeof pinoModule;
  const logger = pino({ name: 'embedded-mongo' }, pino.destination({ dest: 2, sync: true }));
  const server = await startEmbeddedMongo({ ...args, logger });
  process.stdout.write(`${server.uri}\n`);
  await new Promise<void>((resolve, reject) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      logger.info({ signal }, 'embedded-mongo: stopping');
      server.stop().then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
