/**
 * Builds the app package a school uploads to Teams: a zip with manifest.json (from the template
 * in manifests/teams/, filled in with the bot's app id and the bot's domain) and the two icons.
 *
 *   npm run package:teams -- --bot-id <MicrosoftAppId> --domain zorgspiegel.school.be
 *
 * Every option can also come from the environment (the same variables the bot uses):
 *   --bot-id          MicrosoftAppId          the Azure Bot's app id (required)
 *   --app-id          TEAMS_APP_ID            the Teams app id (default: the bot's app id)
 *   --domain          TEAMS_VALID_DOMAINS     the bot's host name, repeatable or comma-separated
 *                                             (default: the host of PUBLIC_URL)
 *   --version         (package.json version)
 *   --developer-name  TEAMS_DEVELOPER_NAME    (default: Zorgspiegel)
 *   --website-url     TEAMS_WEBSITE_URL       (default: PUBLIC_URL)
 *   --privacy-url     TEAMS_PRIVACY_URL       (default: the website URL)
 *   --terms-url       TEAMS_TERMS_URL         (default: the website URL)
 *   --out             where to write the zip  (default: dist/zorgspiegel-teams.zip)
 */
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';

export const MANIFEST_DIR = path.join(__dirname, '..', 'manifests', 'teams');
export const DEFAULT_OUT = path.join(__dirname, '..', 'dist', 'zorgspiegel-teams.zip');

export interface TeamsPackageOptions {
  appId: string;
  botId: string;
  domains: string[];
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
}

export class PackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams package:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$|^localhost(:\d{1,5})?$/i;

/** `--name value`, `--name=value`; repeated names collect every value. */
export function parseArgs(argv: string[]): Record<string, string[]> {
  const args: Record<string, string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i] ?? '';
    (args[name] ??= []).push(value);
  }
  return args;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

/** Options from arguments, then the environment, then defaults; every problem is reported at once. */
export function packageOptions(argv: string[], env: NodeJS.ProcessEnv, version: string): TeamsPackageOptions {
  const args = parseArgs(argv);
  const one = (name: string, envName?: string) => args[name]?.at(-1)?.trim() || (envName ? env[envName]?.trim() : undefined) || undefined;
  const botId = one('bot-id', 'MicrosoftAppId') ?? '';
  const appId = one('app-id', 'TEAMS_APP_ID') ?? botId;
  const listed = (args.domain ?? (env.TEAMS_VALID_DOMAINS ? [env.TEAMS_VALID_DOMAINS] : []))
    .flatMap((d) => d.split(','))
    .map((d) => d.trim())
    .filter(Boolean);
  const fromUrl = hostOf(env.PUBLIC_URL);
  const domains = [...new Set(listed.length ? listed : fromUrl ? [fromUrl] : [])];
  const websiteUrl = one('website-url', 'TEAMS_WEBSITE_URL') ?? env.PUBLIC_URL ?? '';
  const options: TeamsPackageOptions = {
    appId,
    botId,
    domains,
    version: one('version') ?? version,
    developerName: one('developer-name', 'TEAMS_DEVELOPER_NAME') ?? 'Zorgspiegel',
    websiteUrl,
    privacyUrl: one('privacy-url', 'TEAMS_PRIVACY_URL') ?? websiteUrl,
    termsUrl: one('terms-url', 'TEAMS_TERMS_URL') ?? websiteUrl,
  };
  const problems: string[] = [];
  if (!GUID.test(options.botId)) problems.push(`--bot-id (or MicrosoftAppId) must be the Azure Bot's app id, a GUID like 00000000-0000-0000-0000-000000000000; got "${options.botId}"`);
  if (!GUID.test(options.appId)) problems.push(`--app-id (or TEAMS_APP_ID) must be a GUID; got "${options.appId}"`);
  if (options.domains.length === 0) problems.push('--domain (or TEAMS_VALID_DOMAINS, or PUBLIC_URL) must name the host the bot runs on, e.g. --domain zorgspiegel.school.be');
  for (const d of options.domains) if (!HOST.test(d)) problems.push(`--domain "${d}" is not a host name (no https://, no path), e.g. zorgspiegel.school.be`);
  for (const [name, url] of [['--website-url (or PUBLIC_URL)', options.websiteUrl], ['--privacy-url', options.privacyUrl], ['--terms-url', options.termsUrl]] as const) {
    if (!/^https:\/\/\S+$/.test(url)) problems.push(`${name} must be an https:// address; got "${url}"`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(options.version)) problems.push(`--version must look like 1.2.3; got "${options.version}"`);
  if (problems.length) throw new PackageError(problems);
  return options;
}

/** The manifest template with every placeholder filled in. */
export function buildManifest(template: Record<string, unknown>, options: TeamsPackageOptions): Record<string, unknown> {
  const values: Record<string, string> = {
    VERSION: options.version,
    TEAMS_APP_ID: options.appId,
    BOT_ID: options.botId,
    DEVELOPER_NAME: options.developerName,
    WEBSITE_URL: options.websiteUrl,
    PRIVACY_URL: options.privacyUrl,
    TERMS_URL: options.termsUrl,
  };
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
    if (Array.isArray(node)) return node.flatMap((item) => (item === '{{VALID_DOMAINS}}' ? options.domains : [fill(item)]));
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v)]));
    return node;
  };
  const manifest = fill(template) as Record<string, unknown>;
  const left = JSON.stringify(manifest).match(/\{\{\w+\}\}/g);
  if (left) throw new PackageError([`the manifest template has placeholders nobody fills: ${[...new Set(left)].join(', ')}`]);
  return manifest;
}

export async function buildTeamsPackage(options: TeamsPackageOptions, dir = MANIFEST_DIR): Promise<Buffer> {
  const template = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const zip = new JSZip();
  // Teams wants the three files at the root of the zip, not in a folder.
  zip.file('manifest.json', `${JSON.stringify(buildManifest(template, options), null, 2)}\n`);
  zip.file('color.png', fs.readFileSync(path.join(dir, 'color.png')));
  zip.file('outline.png', fs.readFileSync(path.join(dir, 'outline.png')));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const argv = process.argv.slice(2);
  const options = packageOptions(argv, process.env, version);
  const out = path.resolve(parseArgs(argv).out?.at(-1) ?? DEFAULT_OUT);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await buildTeamsPackage(options));
  process.stdout.write(`Teams app package written to ${out}\n  app id ${options.appId}, bot ${options.botId}, domains ${options.domains.join(', ')}\nUpload it in Teams (Apps › Manage your apps › Upload an app) or in the Teams admin center; see "Set up in Microsoft Teams" in README.md.\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
