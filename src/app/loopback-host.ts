import type { RequestHandler } from 'express';
import type { Logger } from '../log';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** The host name of a Host header, without its port ("[::1]:3978" → "[::1]"). */
function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const trimmed = header.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(0, trimmed.indexOf(']') + 1);
  return trimmed.split(':')[0];
}

/** Whether the server only listens on loopback (the development default while the playground is on). */
export function listensOnLoopbackOnly(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK_HOSTS.has(host);
}

/**
 * A development server on loopback answers only requests addressed to loopback (or to PUBLIC_URL,
 * a tunnel). Its playground and unauthenticated bot endpoint trust whoever can reach them; a web
 * page the developer visits could otherwise reach them anyway by pointing its own domain at
 * 127.0.0.1 (DNS rebinding): the browser then sends that domain as Host, which is refused here.
 */
export function loopbackHostOnly(publicUrl: string | undefined, logger: Logger): RequestHandler {
  const allowed = new Set(LOOPBACK_NAMES);
  if (publicUrl) allowed.add(new URL(publicUrl).hostname.toLowerCase());
  return (req, res, next) => {
    const name = hostName(req.headers.host);
    if (name && allowed.has(name)) return next();
    logger.warn({ host: req.headers.host, path: req.path }, 'refused a request addressed to another host than this development server');
    res.status(421).json({ ok: false, error: 'this development server only answers requests to localhost' });
  };
}
