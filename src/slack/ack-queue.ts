import type { NextFunction, Request, Response } from 'express';

/**
 * Requests Slack sends this process at the same moment are worked on at most `limit` at a time,
 * in the order they came; the others wait (unread, costing nothing) for a place.
 *
 * Why: when a staff meeting answers at once, fifty form pages arrive within a few milliseconds.
 * Worked on all together, each waits for most of the others' work before its ack goes out (in
 * the ack benchmark the first two pages, sent in such a burst, had a p99 of 0.85–1.6 s, the pages
 * after them 0.26–0.35 s, at about 5 ms of work per page). Taken in order, a few at a time, the
 * first are answered at once and the last no later than before, and the answers after the burst
 * are spread out again. Several at a time still, so the reads of those being worked on go out
 * together (src/store/batched-reads.ts) and one waiting on the database does not hold the others up.
 *
 * A place is given back when the answer to Slack has gone out (the response finishes or the
 * connection closes), not when the listener is done: work after the ack (opening a modal,
 * updating a message) never keeps the next request waiting. Nothing is refused or dropped.
 */
export function ackQueue(limit: number) {
  let working = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else working--;
  };
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = () => {
      let released = false;
      const done = () => {
        if (released) return;
        released = true;
        release();
      };
      res.once('finish', done);
      res.once('close', done);
      next();
    };
    if (working < limit) {
      working++;
      start();
      return;
    }
    // The place of the one that finishes passes straight to the longest waiting; a request whose
    // connection closes while it waits (Slack gave up on it) leaves the line without a place.
    const gone = () => {
      const at = waiting.indexOf(startNow);
      if (at >= 0) waiting.splice(at, 1);
    };
    const startNow = () => {
      res.off('close', gone);
      start();
    };
    res.once('close', gone);
    waiting.push(startNow);
  };
}
