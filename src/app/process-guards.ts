import type { Logger } from '../log';

/**
 * Keeps `zorgspiegel serve` running when one request, frame or timer fails in a way nobody
 * caught. Node's default is to end the process: the bot then goes silent, and invitations,
 * reminders and closing stop until someone restarts it. Everything people depend on is in
 * MongoDB and every job is resumable, so one failed piece of work is logged (with the error and
 * where it came from) and the rest of the process keeps serving. A state the process cannot
 * recover from is for `/healthz` to report, not a reason to exit here.
 *
 * Installed by the serve command only: tests and library code paths keep Node's defaults, so a
 * missed error there still fails loudly.
 */
export function installProcessGuards(logger: Logger, proc: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection; the process keeps serving');
  };
  const onException = (err: Error, origin: string) => {
    logger.error({ err, origin }, 'uncaught exception; the process keeps serving');
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
