import pino from 'pino';
import { Writable } from 'node:stream';
import { findBlockKitViolations } from '../../src/slack/limits';
import { eventually, openedView, sendCommand, startSlackHarness, submitView, type SlackHarness, type ViewLike } from './harness';

/**
 * The settings modal through the real Bolt app: how long raw answers are kept (with its help
 * text, refused out of range in the user's language, the corrected form — same view id and hash —
 * saved), and the team channel, which must be a channel Slack shows this workspace's bot token
 * as its own: a forged id of another workspace's channel is refused and logged.
 */
const COORDINATOR = 'UCOORD';
const ENGLISH_COORDINATOR = 'UCOORDEN';
const TEAM_CHANNEL = 'CTEAM';
const OTHER_WORKSPACE_CHANNEL = 'CFOREIGN';
const CONNECT_CHANNEL = 'CCONNECT';

let h: SlackHarness;
const logLines: { msg?: string; reason?: string; team?: string }[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as (typeof logLines)[number]);
      done();
    },
  });
  h = await startSlackHarness(
    (fake) => {
      fake.addUser({ id: COORDINATOR, locale: 'nl-BE' });
      fake.addUser({ id: ENGLISH_COORDINATOR, locale: 'en-GB' });
      fake.channels.set(TEAM_CHANNEL, [COORDINATOR, ENGLISH_COORDINATOR]);
      // A channel of another workspace: this workspace's token does not see it.
      fake.channelHomes.set(OTHER_WORKSPACE_CHANNEL, { teamId: 'T0OTHERSCHOOL' });
      // A Slack Connect channel of this workspace, shared with another organisation.
      fake.channels.set(CONNECT_CHANNEL, [COORDINATOR]);
      fake.channelHomes.set(CONNECT_CHANNEL, { teamId: fake.teamId, sharedTeamIds: ['T0PARTNER'], extShared: true });
    },
    { env: { COORDINATORS: `${COORDINATOR},${ENGLISH_COORDINATOR}` }, logger: pino({ level: 'info' }, stream) },
  );
});
afterAll(async () => {
  await h?.close();
});

async function openSettings(userId: string, command: string): Promise<ViewLike> {
  const before = h.fake.callsOf('views.open').length;
  expect((await sendCommand(h, userId, command)).status).toBe(200);
  await eventually(() => h.fake.callsOf('views.open').length > before, 'the settings modal');
  return openedView(h.fake, 'views.open');
}

const school = () => h.db.repos.tenants.get(`slack:${h.fake.teamId}`);

function inputBlock(view: ViewLike, blockId: string): Record<string, unknown> {
  const block = view.blocks.find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block as Record<string, unknown>;
}

it('offers the retention period with what is deleted and what stays; out of range is refused in Dutch and the corrected form is saved', async () => {
  const view = await openSettings(COORDINATOR, 'instellingen');
  expect(findBlockKitViolations(h.fake.callsOf('views.open').at(-1)!.params.view)).toEqual([]);
  const retention = inputBlock(view, 'retentionMonths') as { element: { type: string; initial_value: string }; hint: { text: string }; label: { text: string } };
  expect(retention.element).toMatchObject({ type: 'number_input', initial_value: '12' });
  expect(retention.label.text).toContain('bewaren');
  expect(retention.hint.text).toMatch(/wist Zorgspiegel de ruwe antwoorden.*samenvatting.*blijft bewaard voor de trend/);

  for (const wrong of ['0', '121', '1.5']) {
    const refused = await submitView(h, COORDINATOR, view, { teamChannel: TEAM_CHANNEL, retentionMonths: wrong });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { retentionMonths: 'Bewaar de ruwe antwoorden minstens 1 en hoogstens 120 maanden na de publicatie (een heel getal).' } });
  }
  expect((await school())?.settings.retentionMonths).toBeUndefined();
  // Slack keeps the modal's id and hash after an `errors` answer: the correction comes with both unchanged.
  const saved = await submitView(h, COORDINATOR, view, { teamChannel: TEAM_CHANNEL, retentionMonths: '24' });
  expect(saved.body).toEqual({ response_action: 'clear' });
  expect((await school())?.settings).toMatchObject({ retentionMonths: 24, teamChannel: { id: TEAM_CHANNEL, name: 'cteam' } });
  // The next time the modal shows the stored period.
  const again = await openSettings(COORDINATOR, 'instellingen');
  expect((inputBlock(again, 'retentionMonths') as { element: { initial_value: string } }).element.initial_value).toBe('24');
});

it('refuses out of range in English for an English-speaking coordinator', async () => {
  const view = await openSettings(ENGLISH_COORDINATOR, 'settings');
  expect((inputBlock(view, 'retentionMonths') as { hint: { text: string } }).hint.text).toMatch(/deletes every colleague's raw answers.*summary.*stays for the trend/);
  const refused = await submitView(h, ENGLISH_COORDINATOR, view, { retentionMonths: '600' });
  expect(refused.body).toEqual({ response_action: 'errors', errors: { retentionMonths: expect.stringContaining('at most 120 months') } });
  expect((await school())?.settings.retentionMonths).toBe(24);
});

it("refuses a forged channel id of another workspace (asked of Slack with the school's token) and logs it; a proper channel is saved", async () => {
  const view = await openSettings(COORDINATOR, 'instellingen');
  const infoCalls = h.fake.callsOf('conversations.info').length;
  const forged = await submitView(h, COORDINATOR, view, { teamChannel: OTHER_WORKSPACE_CHANNEL, anonymityThreshold: '4' });
  expect(forged.body).toEqual({ response_action: 'errors', errors: { teamChannel: expect.stringContaining('vindt dit kanaal niet in deze werkruimte') } });
  const asked = h.fake.callsOf('conversations.info').slice(infoCalls);
  expect(asked.map((c) => [c.params.channel, c.token])).toEqual([[OTHER_WORKSPACE_CHANNEL, 'xoxb-test-token']]);
  expect(logLines).toContainEqual(expect.objectContaining({ msg: 'settings refused a team channel outside the workspace', reason: 'foreign', team: h.fake.teamId }));
  // Nothing of the refused form was stored, not even the valid threshold.
  expect((await school())?.settings).toMatchObject({ teamChannel: { id: TEAM_CHANNEL }, anonymityThreshold: 5 });

  const connect = await submitView(h, COORDINATOR, view, { teamChannel: CONNECT_CHANNEL, anonymityThreshold: '4' });
  expect(connect.body).toEqual({ response_action: 'errors', errors: { teamChannel: expect.stringContaining('gedeeld met een andere organisatie') } });

  // A public channel the bot was never invited to: every post there would fail (not_in_channel).
  h.fake.channels.set('CNOBOT', [COORDINATOR]);
  h.fake.botAbsentFrom.add('CNOBOT');
  const absent = await submitView(h, COORDINATOR, view, { teamChannel: 'CNOBOT', anonymityThreshold: '4' });
  expect(absent.body).toEqual({ response_action: 'errors', errors: { teamChannel: expect.stringContaining('/invite @Zorgspiegel') } });
  expect((await school())?.settings.teamChannel).toMatchObject({ id: TEAM_CHANNEL });

  // Slack cannot answer: nothing is decided, the coordinator is asked to try again.
  h.fake.channels.set('CNEW', [COORDINATOR]);
  h.fake.fail('conversations.info', { error: 'internal_error' });
  const unverified = await submitView(h, COORDINATOR, view, { teamChannel: 'CNEW', anonymityThreshold: '4' });
  expect(unverified.body).toEqual({ response_action: 'errors', errors: { teamChannel: expect.stringContaining('opnieuw') } });

  // The same view (id and hash unchanged), corrected: saved.
  const proper = await submitView(h, COORDINATOR, view, { teamChannel: 'CNEW', anonymityThreshold: '4' });
  expect(proper.body).toEqual({ response_action: 'clear' });
  expect((await school())?.settings).toMatchObject({ teamChannel: { id: 'CNEW', name: 'cnew' }, anonymityThreshold: 4, retentionMonths: 24 });
});
