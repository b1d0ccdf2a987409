import express, { type Express } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { SummaryRepository } from '../../core/ports';
import { resolveLang, t } from '../../i18n';
import type { Logger } from '../../log';
import type { ZorgspiegelBot } from '../bot/zorgspiegel-bot';
import { EXPORT_PATH, type ExportLinks } from './export-links';

export const MESSAGES_PATH = '/api/messages';
export const CHARTS_PATH = '/charts';

/** Tokens are base64url; anything else is not ours and gets a plain 404. */
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** The least an activity has: a type, and the conversation and channel it belongs to. */
function isActivity(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const a = body as { type?: unknown; conversation?: unknown; serviceUrl?: unknown; channelId?: unknown };
  return typeof a.type === 'string' && a.type !== '' && typeof a.conversation === 'object' && a.conversation !== null && typeof a.channelId === 'string';
}

/**
 * The bot's HTTP surface: the Bot Framework messaging endpoint, the summary charts Teams loads
 * into the summary card (by unguessable token), and short-lived export downloads.
 */
export function mountTeamsRoutes(http: Express, deps: { adapter: CloudAdapter; bot: ZorgspiegelBot; summaries: SummaryRepository; exports: ExportLinks; logger: Logger }): void {
  http.post(MESSAGES_PATH, express.json({ limit: '1mb' }), async (req, res) => {
    // botbuilder answers a body that is no activity with a 500 and its error text; say it plainly.
    if (!isActivity(req.body)) {
      res.status(400).json({ error: 'not a Bot Framework activity' });
      return;
    }
    await deps.adapter.process(req, res, (context) => deps.bot.run(context));
  });

  http.get(`${CHARTS_PATH}/:file`, async (req, res) => {
    const match = /^(.+)\.png$/.exec(req.params.file);
    const token = match?.[1];
    if (!token || !TOKEN.test(token)) {
      res.status(404).end();
      return;
    }
    try {
      const record = await deps.summaries.getByChartToken(token);
      if (!record?.chartPng) {
        res.status(404).end();
        return;
      }
      res.set({ 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=86400', 'X-Content-Type-Options': 'nosniff' }).send(record.chartPng);
    } catch (e) {
      deps.logger.warn({ err: e }, 'chart could not be served');
      res.status(503).end();
    }
  });

  http.get(`${EXPORT_PATH}/:token`, async (req, res) => {
    let file;
    try {
      file = TOKEN.test(req.params.token) ? await deps.exports.get(req.params.token) : undefined;
    } catch (e) {
      deps.logger.warn({ err: e }, 'export could not be served');
      res.status(503).end();
      return;
    }
    if (!file) {
      res.status(404).type('text/plain').send(t(resolveLang(req.get('accept-language'), 'nl'), 'teams:exportExpired'));
      return;
    }
    res
      .set({ 'Content-Type': file.mime, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' })
      .attachment(file.filename)
      .send(file.data);
  });
}
