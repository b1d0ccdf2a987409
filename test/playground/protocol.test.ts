import { createPlaygroundIntegration } from '../../src/playground/integration';
import { SCHOOL } from '../../src/playground/school';
import { startTestApp, type RunningTestApp } from './support/app';
import { standInBot, type StandInBot } from './support/stand-in-bot';

/**
 * The playground against a small botbuilder bot (CloudAdapter, no auth): proves the emulated
 * connector and the activities we send are what botbuilder expects, independent of the Teams
 * adapter's cards.
 */
jest.setTimeout(30_000);

let running: RunningTestApp;
let bot: StandInBot;

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${running.url}/playground/api${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
}

function cardText(activity: { attachments: { content?: any }[] }): string {
  return JSON.stringify(activity.attachments[0]?.content ?? {});
}

beforeAll(async () => {
  bot = standInBot();
  running = await startTestApp({ integrations: [bot.factory, createPlaygroundIntegration] });
});
afterAll(async () => {
  await running?.close();
});

describe('playground ↔ botbuilder', () => {
  it('installs the school in the team at start-up: tenant, installer, paged roster, greeting in the channel', async () => {
    expect(bot.installs).toEqual({
      team: SCHOOL.team.id,
      tenant: 'playground',
      installer: SCHOOL.personas.find((p) => p.coordinator)!.teamsId,
      roster: SCHOOL.personas.map((p) => p.teamsId),
    });
    const tenant = await running.db.repos.tenants.get('teams:playground');
    expect(tenant?.settings.quietHours).toEqual({ start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] });
    const { json } = await call('GET', '/conversations/channel');
    expect(json.activities.map((a: { text: string }) => a.text)).toEqual(['Hello team of 13']);
  });

  it('bootstraps the page with the schools, their personas and its strings in the chosen language', async () => {
    const nl = await call('GET', '/bootstrap?lang=nl');
    expect(nl.status).toBe(200);
    const [first, second] = nl.json.schools;
    expect(first).toMatchObject({ key: 'regenboog', channelKey: 'channel', added: true });
    expect(first.personas).toHaveLength(13);
    expect(first.personas.filter((p: { coordinator: boolean }) => p.coordinator)).toHaveLength(1);
    // The second school of the tenant is there to be added; until then it is not.
    expect(second).toMatchObject({ key: 'zonnebloem', channelKey: 'channel-zonnebloem', added: false });
    expect(nl.json.strings.simulate.button).toBe('Antwoorden simuleren');
    const en = await call('GET', '/bootstrap?lang=en');
    expect(en.json.strings.simulate.button).toBe('Simulate answers');
    expect(en.json.installError).toBeUndefined();
  });

  it('sends a typed message with the persona, locale and serviceUrl; the reply lands in their chat', async () => {
    const sent = await call('POST', '/conversations/lotte/messages', { as: 'lotte', text: 'hallo', lang: 'en' });
    expect(sent.status).toBe(201);
    expect(sent.json.activity).toMatchObject({ sender: 'user', text: 'hallo', personaKey: 'lotte' });
    const { json } = await call('GET', '/conversations/lotte');
    const texts = json.activities.map((a: { text?: string }) => a.text);
    expect(texts).toEqual(['hallo', 'You said **hallo** (en-GB)']);
    // The bot replied to the user's activity, so the connector saw the reply route.
    expect(json.activities[1].replyToId).toBe(json.activities[0].id);
  });

  it('runs a card action through an adaptiveCard/action invoke and replaces the card in place', async () => {
    await call('POST', '/conversations/bram/messages', { as: 'bram', text: 'card', lang: 'nl' });
    const { json } = await call('GET', '/conversations/bram');
    const cardActivity = json.activities.find((a: { attachments: unknown[] }) => a.attachments.length > 0);
    expect(cardText(cardActivity)).toContain('Action.Execute');

    const invalid = await call('POST', `/conversations/bram/activities/${cardActivity.id}/execute`, {
      as: 'bram',
      lang: 'nl',
      action: { verb: 'save', data: { step: 1, days: '6' } },
    });
    expect(invalid.status).toBe(200);
    expect(invalid.json.result.type).toBe('card');
    expect(cardText(invalid.json.activity)).toContain('Too many: at most 5');
    expect(invalid.json.activity.version).toBe(2);

    const valid = await call('POST', `/conversations/bram/activities/${cardActivity.id}/execute`, {
      as: 'bram',
      lang: 'nl',
      action: { verb: 'save', data: { step: 1, days: '3' } },
    });
    expect(cardText(valid.json.activity)).toContain('Saved 3 (save, step 1)');
    const after = await call('GET', '/conversations/bram');
    expect(after.json.activities.filter((a: { id: string }) => a.id === cardActivity.id)).toHaveLength(1);
    expect(cardText(after.json.activities.find((a: { id: string }) => a.id === cardActivity.id))).toContain('Saved 3');
  });

  it('lets the bot create a 1:1 conversation proactively and update its message in place', async () => {
    await call('POST', '/conversations/els/messages', { as: 'els', text: 'dm 29:pg-sofie', lang: 'nl' });
    const { json } = await call('GET', '/conversations/sofie');
    expect(json.activities).toHaveLength(1);
    expect(cardText(json.activities[0])).toContain('Invitation v2');
    expect(json.activities[0].version).toBe(2);
  });

  it('refuses an unknown member for a new 1:1, like Teams', async () => {
    const res = await fetch(`${running.url}/playground/connector/v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isGroup: false, members: [{ id: '29:somebody-else' }] }),
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('MemberNotFoundInConversation');
  });

  it('pushes new and updated activities to the page over Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${running.url}/playground/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const received: any[] = [];
    const reading = (async () => {
      let buffer = '';
      while (received.length < 2) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += Buffer.from(value).toString('utf8');
        const parts = buffer.split('\n\n');
        buffer = parts.pop()!;
        for (const part of parts) if (part.startsWith('data: ')) received.push(JSON.parse(part.slice(6)));
      }
    })();
    await call('POST', '/conversations/wout/messages', { as: 'wout', text: 'ping', lang: 'nl' });
    await reading;
    controller.abort();
    expect(received.map((e) => [e.kind, e.activity.conversation, e.activity.sender])).toEqual([
      ['upsert', 'wout', 'user'],
      ['upsert', 'wout', 'bot'],
    ]);
  });

  it('refuses what a persona may not do, in the user’s language', async () => {
    const other = await call('POST', '/conversations/lotte/messages', { as: 'bram', text: 'hi', lang: 'en' });
    expect(other.status).toBe(403);
    const empty = await call('POST', '/conversations/lotte/messages', { as: 'lotte', text: '   ', lang: 'nl' });
    expect(empty).toEqual({ status: 400, json: { error: 'Typ eerst een bericht.' } });
    const nobody = await call('GET', '/conversations/nobody?lang=en');
    expect(nobody).toEqual({ status: 404, json: { error: 'Unknown conversation.' } });
    const simulate = await call('POST', '/simulate', { as: 'bram', lang: 'en' });
    expect(simulate).toEqual({ status: 403, json: { error: 'Only the coordinator can simulate answers.' } });
    const missing = await call('POST', '/conversations/lotte/activities/123/execute', { as: 'lotte', lang: 'en', action: { verb: 'x' } });
    expect(missing.status).toBe(404);
  });

  it('serves the page and the Adaptive Cards renderer', async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/playground/vendor/adaptivecards.min.js');
    const renderer = await fetch(`${running.url}/playground/vendor/adaptivecards.min.js`);
    expect(renderer.status).toBe(200);
    expect((await renderer.text()).length).toBeGreaterThan(100_000);
  });
});
