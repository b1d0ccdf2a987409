import fs from 'node:fs';
import path from 'node:path';
import { BOT_SCOPES } from '../../src/slack/config';
import { COMMAND } from '../../src/slack/ids';
import { SLACK_EVENTS_PATH, SLACK_REDIRECT_PATH } from '../../src/slack';
import { parseYaml } from './mini-yaml';

/**
 * manifests/slack/manifest.yml is what a school pastes into "Create app from manifest". It must
 * ask for exactly the scopes the code uses, point every URL at the routes the app mounts, and
 * subscribe to the events the app listens to.
 */
const file = path.join(__dirname, '..', '..', 'manifests', 'slack', 'manifest.yml');
type Obj = Record<string, unknown>;
const manifest = parseYaml(fs.readFileSync(file, 'utf8')) as Obj;
const get = (o: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((acc, k) => (acc as Obj | undefined)?.[k], o);

describe('manifests/slack/manifest.yml', () => {
  it('asks for exactly the bot scopes the app uses', () => {
    expect(get(manifest, 'oauth_config', 'scopes', 'bot')).toEqual([...BOT_SCOPES]);
    expect(get(manifest, 'oauth_config', 'scopes', 'user')).toBeUndefined();
  });

  it('has the slash command on the events route', () => {
    const commands = get(manifest, 'features', 'slash_commands') as Obj[];
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ command: COMMAND, url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`, should_escape: false });
    expect(String(commands[0]!.description).length).toBeLessThanOrEqual(100);
  });

  it('sends interactivity, select options and events to the same route, and OAuth back to the redirect route', () => {
    expect(get(manifest, 'settings', 'interactivity')).toEqual({
      is_enabled: true,
      request_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`,
      message_menu_options_url: `https://YOUR-HOST${SLACK_EVENTS_PATH}`,
    });
    expect(get(manifest, 'settings', 'event_subscriptions', 'request_url')).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(get(manifest, 'settings', 'event_subscriptions', 'bot_events')).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
    expect(get(manifest, 'oauth_config', 'redirect_urls')).toEqual([`https://YOUR-HOST${SLACK_REDIRECT_PATH}`]);
  });

  it('turns App Home on (home tab and messages tab) and Socket Mode off by default', () => {
    expect(get(manifest, 'features', 'app_home', 'home_tab_enabled')).toBe(true);
    expect(get(manifest, 'features', 'app_home', 'messages_tab_enabled')).toBe(true);
    expect(get(manifest, 'features', 'bot_user', 'display_name')).toBe('Zorgspiegel');
    expect(get(manifest, 'settings', 'socket_mode_enabled')).toBe(false);
  });

  it('keeps the display texts within Slack’s manifest limits', () => {
    expect(String(get(manifest, 'display_information', 'name')).length).toBeLessThanOrEqual(35);
    expect(String(get(manifest, 'display_information', 'description')).length).toBeLessThanOrEqual(140);
    const long = String(get(manifest, 'display_information', 'long_description'));
    expect(long.length).toBeGreaterThanOrEqual(175);
    expect(long.length).toBeLessThanOrEqual(4000);
    expect(get(manifest, 'display_information', 'background_color')).toMatch(/^#[0-9a-f]{6}$/i);
  });
});

describe('the mini YAML reader the manifest test relies on', () => {
  it('reads mappings, sequences of scalars and of mappings, quotes and comments', () => {
    expect(parseYaml('a: 1\nb:\n  - x # note\n  - "y: z"\nc:\n  - k: v\n    w: true\n')).toEqual({ a: 1, b: ['x', 'y: z'], c: [{ k: 'v', w: true }] });
  });
  it('refuses what it does not understand instead of misreading it', () => {
    expect(() => parseYaml('a: [1, 2]')).toThrow(/unsupported/);
    expect(() => parseYaml('a: 1\na: 2')).toThrow(/duplicate/);
  });
});
