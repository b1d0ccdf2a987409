import { EventEmitter } from 'node:events';
import { installProcessGuards } from './process-guards';
import type { Logger } from '../log';

describe('installProcessGuards', () => {
  it('logs an unhandled rejection and an uncaught exception with the error, and can be removed', () => {
    const proc = new EventEmitter();
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const logger = { error: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg }) } as unknown as Logger;
    const remove = installProcessGuards(logger, proc as unknown as NodeJS.Process);
    const reason = new TypeError("Cannot read properties of undefined (reading 'type')");
    proc.emit('unhandledRejection', reason, Promise.resolve());
    proc.emit('uncaughtException', new Error('boom'), 'uncaughtException');
    expect(lines).toEqual([
      { obj: { err: reason }, msg: 'unhandled promise rejection; the process keeps serving' },
      { obj: { err: new Error('boom'), origin: 'uncaughtException' }, msg: 'uncaught exception; the process keeps serving' },
    ]);
    remove();
    expect(proc.listenerCount('unhandledRejection') + proc.listenerCount('uncaughtException')).toBe(0);
  });
});
