import { baseConversationId, ConversationStore, MAX_ACTIVITIES_PER_CONVERSATION, type StoreEvent } from './conversation-store';

describe('ConversationStore', () => {
  const channel = '19:team@thread.tacv2';

  it('assigns ids, keeps order and stamps the conversation the activity was sent to', () => {
    const store = new ConversationStore(() => new Date('2030-01-06T09:00:00Z'));
    store.open(channel);
    const a = store.append(channel, 'bot', { type: 'message', text: 'one' });
    const b = store.append(`${channel};messageid=${a.id}`, 'bot', { type: 'message', text: 'reply' });
    expect(a.id).not.toBe(b.id);
    expect(store.list(channel).map((x) => x.activity.text)).toEqual(['one', 'reply']);
    expect(b.conversationId).toBe(channel);
    expect((b.activity.conversation as { id: string }).id).toBe(`${channel};messageid=${a.id}`);
    expect(b.activity.timestamp).toBe('2030-01-06T09:00:00.000Z');
  });

  it('refuses activities for a conversation it does not know', () => {
    const store = new ConversationStore();
    expect(() => store.append('a:nobody', 'bot', { type: 'message' })).toThrow(/unknown conversation/);
    expect(store.has('a:nobody')).toBe(false);
  });

  it('updates in place, raising the version, and tells subscribers', () => {
    const store = new ConversationStore();
    store.open('a:dm');
    const events: StoreEvent[] = [];
    const unsubscribe = store.subscribe((e) => events.push(e));
    const a = store.append('a:dm', 'bot', { type: 'message', text: 'v1' });
    const updated = store.update('a:dm', a.id, { type: 'message', text: 'v2' });
    expect(updated).toMatchObject({ id: a.id, version: 2 });
    expect(store.list('a:dm')).toHaveLength(1);
    expect(store.get('a:dm', a.id)?.activity).toMatchObject({ id: a.id, text: 'v2' });
    expect(store.update('a:dm', 'missing', { type: 'message' })).toBeUndefined();
    expect(store.delete('a:dm', a.id)).toBe(true);
    unsubscribe();
    store.append('a:dm', 'bot', { type: 'message', text: 'unseen' });
    expect(events.map((e) => (e.kind === 'upsert' ? `upsert v${e.activity.version}` : 'delete'))).toEqual(['upsert v1', 'upsert v2', 'delete']);
  });

  it('keeps a bounded history per conversation', () => {
    const store = new ConversationStore();
    store.open('a:dm');
    for (let i = 0; i < MAX_ACTIVITIES_PER_CONVERSATION + 5; i++) store.append('a:dm', 'bot', { type: 'message', text: String(i) });
    const list = store.list('a:dm');
    expect(list).toHaveLength(MAX_ACTIVITIES_PER_CONVERSATION);
    expect(list[0]!.activity.text).toBe('5');
  });

  it('folds channel threads into their channel', () => {
    expect(baseConversationId('19:x@thread.tacv2;messageid=17')).toBe('19:x@thread.tacv2');
    expect(baseConversationId('a:dm')).toBe('a:dm');
  });
});
