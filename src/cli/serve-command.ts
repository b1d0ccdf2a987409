import { installProcessGuards } from '../app/process-guards';
import { startApp } from '../app/start';

/** `zorgspiegel serve`: validates configuration, starts everything, stops cleanly on a signal. */
export async function runServe(): Promise<number> {
  const app = await startApp();
  // From here on no single failed request, frame or timer ends the process (see process-guards.ts).
  installProcessGuards(app.logger);
  const stop = async (signal: string) => {
    app.logger.info({ signal }, 'stopping');
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return 0;
}
