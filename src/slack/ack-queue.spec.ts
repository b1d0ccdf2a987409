import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ackQueue } from './ack-queue';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An Express app with the queue in front of a handler that answers after `answerAfterMs` and keeps working `workAfterMs` more. */
async function server(limit: number, answerAfterMs: number, workAfterMs = 0) {
  const app = express();
  const log: string[] = [];
  let inHandler = 0;
  let maxInHandler = 0;
  let stillWorking = 0;
  app.use('/slack/events', (req, _res, next) => {
    log.push(`arrive ${String(req.query.id)}`);
    next();
  });
  app.use('/slack/events', ackQueue(limit));
  app.post('/slack/events', (req, res) => {
    const id = String(req.query.id);
    inHandler++;
    maxInHandler = Math.max(maxInHandler, inHandler);
    log.push(`start ${id}`);
    setTimeout(() => {
      inHandler--;
      res.json({ id });
      // Work after the answer (a listener's follow-ups) holds no place.
      stillWorking++;
      setTimeout(() => stillWorking--, workAfterMs).unref();
    }, answerAfterMs);
  });
  const s = http.createServer(app);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/slack/events`;
  return {
    log,
    stats: () => ({ maxInHandler, stillWorking }),
    post: (id: string, signal?: AbortSignal) => fetch(`${url}?id=${id}`, { method: 'POST', signal }).then((r) => r.json() as Promise<{ id: string }>),
    close: () => new Promise<void>((r) => s.close(() => r())),
  };
}

describe('ackQueue', () => {
  it('works on at most `limit` requests at a time and takes the others in the order they came', async () => {
    const s = await server(2, 30);
    try {
      const answers: Promise<{ id: string }>[] = [];
      for (const id of ['a', 'b', 'c', 'd', 'e']) {
        answers.push(s.post(id));
        await sleep(5);
      }
      expect((await Promise.all(answers)).map((a) => a.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(s.stats().maxInHandler).toBe(2);
      const order = (what: string) => s.log.filter((l) => l.startsWith(what)).map((l) => l.split(' ')[1]);
      expect(order('start')).toEqual(order('arrive'));
    } finally {
      await s.close();
    }
  });

  it('gives a place back when the answer has gone out, not when the work after it is done', async () => {
    const s = await server(1, 10, 60_000);
    try {
      await Promise.all([s.post('a'), s.post('b'), s.post('c')]);
      // Each answered while the one before was still at its (minute-long) work after the answer.
      expect(s.log.filter((l) => l.startsWith('start'))).toHaveLength(3);
      expect(s.stats().stillWorking).toBe(3);
    } finally {
      await s.close();
    }
  });

  it('lets a request whose connection closes while it waits leave the line, and loses no place', async () => {
    const s = await server(1, 40);
    try {
      const first = s.post('a');
      await sleep(5);
      const gaveUp = new AbortController();
      const abandoned = s.post('b', gaveUp.signal).catch(() => 'aborted');
      await sleep(5);
      gaveUp.abort();
      expect(await abandoned).toBe('aborted');
      await first;
      expect((await s.post('c')).id).toBe('c');
      expect(s.log.filter((l) => l.startsWith('start'))).toEqual(['start a', 'start c']);
      // Still one place, not zero and not two.
      await Promise.all([s.post('d'), s.post('e')]);
      expect(s.stats().maxInHandler).toBe(1);
    } finally {
      await s.close();
    }
  });
});
