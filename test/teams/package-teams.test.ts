import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { buildManifest, PackageError, packageOptions } from '../../scripts/package-teams';
import { COLOR_SVG, OUTLINE_SVG, renderIcon } from '../../scripts/make-teams-icons';

/**
 * `npm run package:teams` builds the zip a school uploads: the filled-in manifest (current
 * schema, bot in personal and team scope, a command list for each, the bot's domain) and the two
 * icons at the sizes Teams demands.
 */
const ROOT = path.join(__dirname, '..', '..');
const BOT_ID = '7c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const run = promisify(execFile);

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what resvg writes). */
function decodePng(png: Buffer): { width: number; height: number; colorType: number; pixels: Buffer } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      colorType = data[9]!;
      expect(data[12]).toBe(0);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const bpp = 4;
  const stride = width * bpp;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const byte = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (byte + predictor) & 0xff;
    }
  }
  return { width, height, colorType, pixels };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-teams-package-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('npm run package:teams writes a zip with the manifest and both icons', async () => {
  const out = path.join(dir, 'zorgspiegel-teams.zip');
  await run('npm', ['run', '--silent', 'package:teams', '--', '--out', out, '--domain', 'zorgspiegel.school.be'], {
    cwd: ROOT,
    env: { ...process.env, MicrosoftAppId: BOT_ID, PUBLIC_URL: 'https://zorgspiegel.school.be', TEAMS_APP_ID: '', TEAMS_VALID_DOMAINS: '' },
  });
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);

  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string'));
  expect(manifest.$schema).toMatch(/^https:\/\/developer\.microsoft\.com\/en-us\/json-schemas\/teams\/v1\.(1[7-9]|2\d)\/MicrosoftTeams\.schema\.json$/);
  expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
  expect(manifest.id).toBe(BOT_ID);
  expect(manifest.version).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  expect(manifest.validDomains).toEqual(['zorgspiegel.school.be']);
  expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  expect(manifest.developer.websiteUrl).toBe('https://zorgspiegel.school.be');
  expect(manifest.name.short.length).toBeLessThanOrEqual(30);
  expect(manifest.description.short.length).toBeLessThanOrEqual(80);
  expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
  expect(manifest.accentColor).toMatch(/^#[0-9A-Fa-f]{6}$/);
  const [bot] = manifest.bots;
  expect(manifest.bots).toHaveLength(1);
  expect(bot.botId).toBe(BOT_ID);
  expect(bot.scopes.sort()).toEqual(['personal', 'team']);
  expect(bot.commandLists.map((l: { scopes: string[] }) => l.scopes)).toEqual([['personal'], ['team']]);
  for (const list of bot.commandLists as { commands: { title: string; description: string }[] }[]) {
    expect(list.commands.length).toBeGreaterThan(0);
    expect(list.commands.length).toBeLessThanOrEqual(10);
    for (const c of list.commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    expect(list.commands.map((c) => c.title)).toEqual(expect.arrayContaining(['help', 'nieuwe ronde', 'status', 'sluit', 'publiceer']));
  }
  expect(JSON.stringify(manifest)).not.toMatch(/\{\{/);

  const color = decodePng(await zip.file('color.png')!.async('nodebuffer'));
  expect([color.width, color.height]).toEqual([192, 192]);
  const outline = decodePng(await zip.file('outline.png')!.async('nodebuffer'));
  expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
  // The outline icon is white on transparent: every visible pixel is white, and most are see-through.
  let transparent = 0;
  for (let i = 0; i < outline.pixels.length; i += 4) {
    const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
    if (a === 0) transparent++;
    else expect([r, g, b]).toEqual([255, 255, 255]);
  }
  expect(transparent).toBeGreaterThan((32 * 32) / 2);
}, 60_000);

test('the committed icons are what the icon script draws', () => {
  expect(fs.readFileSync(path.join(ROOT, 'manifests/teams/color.png')).equals(renderIcon(COLOR_SVG, 192))).toBe(true);
  expect(fs.readFileSync(path.join(ROOT, 'manifests/teams/outline.png')).equals(renderIcon(OUTLINE_SVG, 32))).toBe(true);
});

test('missing or malformed settings are all reported at once, in words an ICT coordinator can act on', () => {
  let error: unknown;
  try {
    packageOptions(['--domain', 'https://x.be/bot'], { PUBLIC_URL: 'http://insecure.example' }, '0.1.0');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PackageError);
  const problems = (error as PackageError).problems.join('\n');
  expect(problems).toContain('--bot-id (or MicrosoftAppId)');
  expect(problems).toContain('"https://x.be/bot" is not a host name');
  expect(problems).toContain('must be an https:// address');
});

test('arguments win over the environment; several domains and a separate Teams app id are allowed', () => {
  const options = packageOptions(
    ['--bot-id', BOT_ID, '--app-id=0f0f0f0f-1111-4222-8333-444455556666', '--domain', 'a.school.be,b.school.be', '--domain', 'a.school.be'],
    { MicrosoftAppId: 'ignored', PUBLIC_URL: 'https://zorgspiegel.school.be' },
    '1.2.3',
  );
  expect(options).toMatchObject({ botId: BOT_ID, appId: '0f0f0f0f-1111-4222-8333-444455556666', domains: ['a.school.be', 'b.school.be'], version: '1.2.3' });
  expect(() => buildManifest({ id: '{{UNKNOWN}}' }, options)).toThrow(/placeholders nobody fills: \{\{UNKNOWN\}\}/);
});
