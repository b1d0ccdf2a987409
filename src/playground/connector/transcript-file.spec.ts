import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../log';
import { ConversationStore } from './conversation-store';
import { TranscriptFile } from './transcript-file';

describe('TranscriptFile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-playground-'));
  const logger = createLogger('silent');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('brings the conversations back after a restart, ids and versions included', async () => {
    const file = path.join(dir, 'a', 'conversations.json');
    const before = new ConversationStore();
    before.open('a:dm');
    const saved = new TranscriptFile(file, before, logger, 10);
    saved.attach();
    const card = before.append('a:dm', 'bot', { type: 'message', text: 'invitation' });
    before.update('a:dm', card.id, { type: 'message', text: 'invitation v2' });
    await new Promise((r) => setTimeout(r, 50));
    saved.close();

    const after = new ConversationStore();
    after.open('a:dm');
    new TranscriptFile(file, after, logger).attach();
    expect(after.get('a:dm', card.id)).toMatchObject({ version: 2, activity: { text: 'invitation v2' } });
    // New ids never collide with restored ones.
    expect(after.append('a:dm', 'bot', { type: 'message' }).id).not.toBe(card.id);
  });

  it('writes what is pending when closed, and starts empty from a damaged file', () => {
    const file = path.join(dir, 'b.json');
    const store = new ConversationStore();
    store.open('a:dm');
    const t = new TranscriptFile(file, store, logger, 60_000);
    t.attach();
    store.append('a:dm', 'bot', { type: 'message', text: 'x' });
    t.close();
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).conversations['a:dm']).toHaveLength(1);

    fs.writeFileSync(file, '{ not json');
    const fresh = new ConversationStore();
    fresh.open('a:dm');
    expect(() => new TranscriptFile(file, fresh, logger).attach()).not.toThrow();
    expect(fresh.list('a:dm')).toEqual([]);
  });
});
