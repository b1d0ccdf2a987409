import { Writable } from 'node:stream';
import pino from 'pino';
import { boltLogger } from './bolt-logger';

function capture(): { lines: string[]; logger: pino.Logger } {
  const lines: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, out) };
}

describe('boltLogger', () => {
  it("drops the Slack libraries' debug lines even at LOG_LEVEL=debug: they carry payloads with what people typed", () => {
    const { lines, logger } = capture();
    const bolt = boltLogger(logger);
    bolt.debug('received', { envelope: { payload: { user: { id: 'U1' }, view: { state: { values: { R1: { v: { value: 'Mijn collega Jan…' } } } } } } } });
    expect(lines).toEqual([]);
    bolt.info('connected');
    bolt.warn('slow');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['connected', 'slow']);
  });
});
