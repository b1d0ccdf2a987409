import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from '../log';

/** What body-parser puts on the errors it raises (bad JSON, too large, wrong charset). */
interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

const SHORT: Record<number, string> = {
  400: 'malformed request',
  404: 'not found',
  413: 'request too large',
  415: 'unsupported content type',
};

/**
 * The app's last handlers: a path nobody serves gets 404, and an error no route answered (a body
 * that is not JSON, a body over the limit, a bug) gets a short JSON error — never Express's HTML
 * page with a stack trace, which would tell an attacker the stack and the file layout.
 */
export function answerMalformedRequests(http: Express, logger: Logger): void {
  http.use((_req: Request, res: Response) => {
    res.status(404).json({ error: SHORT[404] });
  });
  http.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = (err ?? {}) as HttpError;
    const status = e.status ?? e.statusCode ?? 500;
    const client = status >= 400 && status < 500;
    if (client) logger.info({ path: req.path, status, type: e.type }, 'malformed request refused');
    else logger.error({ err, path: req.path }, 'request failed');
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(client ? status : 500).json({ error: SHORT[status] ?? (client ? 'bad request' : 'internal error') });
  });
}
