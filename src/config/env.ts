import { MongoClient } from 'mongodb';
import { z } from 'zod';
import { MIN_ANONYMITY_THRESHOLD } from '../core/tenant';
import { parseWorkingHours } from '../core/working-hours';
import { TEAMS_LIMITS } from '../teams/messenger/limits';

/**
 * All configuration comes from the environment and is validated once at start-up. A missing or
 * invalid value stops the process with one line per problem: the variable, what is wrong, and an
 * example. Every variable here is explained in .env.example.
 */
const optionalString = z.string().trim().min(1).optional();
/**
 * What the driver finds wrong with a connection string, without the password, or undefined.
 * Constructing a client only parses the string; it opens no connection and looks nothing up.
 */
function connectionStringProblem(uri: string): string | undefined {
  try {
    new MongoClient(uri);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const password = /^mongodb(?:\+srv)?:\/\/[^:/@]*:([^@/]*)@/.exec(uri)?.[1];
    const clean = password ? message.split(password).join('****') : message;
    // A password with "@", ":" or "/" must be percent-encoded: the most common mistake by far.
    return uri.split('@').length > 2 ? `${clean} (percent-encode "@" in the user name or password as %40)` : clean;
  }
}

/**
 * A whole number written as plain decimal digits. `z.coerce.number()` would also take "0xA7F8",
 * "4.3002e4", "1e9" or " 12 ", which nobody means in a config file.
 */
const wholeNumber = (min: number, max: number, minMessage?: string) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number in plain decimal digits')
    .transform(Number)
    .pipe(z.number().min(min, minMessage ?? `must be at least ${min}`).max(max, `must be at most ${max}`));
const bool = z.enum(['true', 'false', '1', '0', 'on', 'off']).transform((v) => ['true', '1', 'on'].includes(v));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: wholeNumber(1, 65535).default(3978),
    HOST: optionalString,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url().optional(),
    MONGODB_URI: z
      .string()
      .superRefine((uri, ctx) => {
        if (!/^mongodb(\+srv)?:\/\//.test(uri)) ctx.addIssue({ code: 'custom', message: 'must start with mongodb:// or mongodb+srv://' });
        else {
          const problem = connectionStringProblem(uri);
          if (problem) ctx.addIssue({ code: 'custom', message: `is not a valid MongoDB connection string: ${problem}` });
        }
      })
      .optional(),
    MONGODB_DB: z.string().regex(/^[A-Za-z0-9_-]{1,38}$/, 'letters, digits, - and _ only').default('zorgspiegel'),
    DATA_DIR: z.string().min(1).default('./.data'),
    RESPONDENT_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    QUESTIONNAIRE_PATH: optionalString,
    DEFAULT_LANGUAGE: z.enum(['nl', 'en']).default('nl'),
    // No upper bound of its own beyond sanity: a threshold above the staff size only hides figures.
    ANONYMITY_THRESHOLD: wholeNumber(MIN_ANONYMITY_THRESHOLD, 1000).default(5),
    TIME_ZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'is not a known IANA time zone')
      .default('Europe/Brussels'),
    // The sending hours new workspaces start with (coordinators can change them per workspace).
    WORKING_HOURS: z
      .string()
      .refine((text) => parseWorkingHours(text) !== undefined, 'must be "always" or days and hours like "mon-fri 08:00-18:00"')
      .default('mon-fri 08:00-18:00'),
    PLAYGROUND: bool.optional(),
    SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
    // Single-workspace Slack's first coordinators (user ids); otherwise a claim code is logged.
    COORDINATORS: z
      .string()
      .regex(/^\s*[A-Za-z0-9]+(\s*,\s*[A-Za-z0-9]+)*\s*$/, 'must be user ids separated by commas')
      .transform((v) => v.split(',').map((id) => id.trim()))
      .optional(),
    SLACK_CLIENT_ID: optionalString,
    SLACK_CLIENT_SECRET: optionalString,
    SLACK_STATE_SECRET: optionalString,
    SLACK_API_URL: z.url().optional(),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    // Azure no longer creates new multi-tenant bots (since July 2025): single-tenant is the default.
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MicrosoftAppTenantId: optionalString,
    // Sends per second into one Microsoft 365 tenant, all processes together. Only lower than the
    // default (TEAMS_LIMITS): above it a first invitation's two requests could pass Microsoft's 30/s.
    TEAMS_SENDS_PER_SECOND: wholeNumber(1, TEAMS_LIMITS.perTenantPerSecond).optional(),
    // Read by `npm run package:teams` only (the app package a school uploads), validated here too.
    TEAMS_APP_ID: z.uuid('must be a GUID').optional(),
    TEAMS_VALID_DOMAINS: optionalString,
    TEAMS_DEVELOPER_NAME: optionalString,
    TEAMS_WEBSITE_URL: z.url().optional(),
    TEAMS_PRIVACY_URL: z.url().optional(),
    TEAMS_TERMS_URL: z.url().optional(),
  })
  .superRefine((e, ctx) => {
    const need = (name: keyof typeof e, because: string) => {
      if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${because}` });
    };
    if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN) need('SLACK_SIGNING_SECRET', 'with SLACK_BOT_TOKEN (HTTP mode)');
    if (e.SLACK_CLIENT_ID || e.SLACK_CLIENT_SECRET || e.SLACK_STATE_SECRET) {
      need('SLACK_CLIENT_ID', 'for multi-workspace Slack');
      need('SLACK_CLIENT_SECRET', 'for multi-workspace Slack');
      need('SLACK_STATE_SECRET', 'for multi-workspace Slack');
      need('SLACK_SIGNING_SECRET', 'for multi-workspace Slack');
    }
    if (e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI') need('MicrosoftAppPassword', 'with MicrosoftAppId');
    if (e.MicrosoftAppId && e.MicrosoftAppType !== 'MultiTenant') need('MicrosoftAppTenantId', `when MicrosoftAppType is ${e.MicrosoftAppType}`);
    if (e.NODE_ENV === 'production') {
      need('RESPONDENT_KEY_SECRET', 'in production (answers are keyed by HMAC with it)');
      need('MONGODB_URI', 'in production (the embedded database is for development only)');
      if (e.PLAYGROUND) ctx.addIssue({ code: 'custom', path: ['PLAYGROUND'], message: 'cannot be on in production: anyone could act as anyone' });
    }
  }, {
    // zod skips refinements once a variable fails to parse (PORT=abc); run them anyway so the
    // operator sees every problem in one go. They only test presence, which is safe on bad input.
    when: () => true,
  });

export type Env = z.infer<typeof envSchema>;

const EXAMPLES: Partial<Record<string, string>> = {
  NODE_ENV: 'production',
  PORT: '3978',
  HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  PUBLIC_URL: 'https://zorgspiegel.example.be',
  MONGODB_URI: 'mongodb://localhost:27017',
  MONGODB_DB: 'zorgspiegel',
  RESPONDENT_KEY_SECRET: '$(openssl rand -hex 32)',
  QUESTIONNAIRE_PATH: './my-questionnaire.json',
  DEFAULT_LANGUAGE: 'nl',
  ANONYMITY_THRESHOLD: '5',
  TIME_ZONE: 'Europe/Brussels',
  WORKING_HOURS: 'mon-fri 08:00-18:00',
  PLAYGROUND: 'false',
  SLACK_BOT_TOKEN: 'xoxb-…',
  SLACK_SIGNING_SECRET: '8f14e45fceea167a5a36dedd4bea2543',
  SLACK_APP_TOKEN: 'xapp-…',
  COORDINATORS: 'U012ABCDEF,U034GHIJKL',
  SLACK_CLIENT_ID: '1234567890.1234567890',
  SLACK_CLIENT_SECRET: '…',
  SLACK_STATE_SECRET: 'any-long-random-string',
  SLACK_API_URL: 'https://slack.com/api/',
  MicrosoftAppId: '00000000-0000-0000-0000-000000000000',
  MicrosoftAppPassword: '…',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '00000000-0000-0000-0000-000000000000',
  TEAMS_SENDS_PER_SECOND: '10',
  TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000',
  TEAMS_VALID_DOMAINS: 'zorgspiegel.example.be',
  TEAMS_WEBSITE_URL: 'https://www.example.be',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError with one readable line per problem. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Treat empty or blank strings (`NAME=` in .env) as unset rather than as an invalid value.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?');
      const example = EXAMPLES[name];
      const message = i.code === 'invalid_value' && 'values' in i ? `must be one of ${i.values.join(', ')}` : i.message;
      return `${name}: ${message}${example ? ` (e.g. ${name}=${example})` : ''}`;
    }),
  );
}

export function slackConfigured(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN || env.SLACK_CLIENT_ID);
}

/**
 * The playground and the unauthenticated Teams endpoint let anyone act as anyone, so they run
 * only on a development machine with no real platform connected: not in production, and with no
 * Slack or Teams credential — unless PLAYGROUND=true asks for them explicitly outside production.
 */
export function developmentSurfaces(env: Env): { on: boolean; why: string } {
  if (env.NODE_ENV === 'production') return { on: false, why: 'NODE_ENV=production' };
  if (env.PLAYGROUND !== undefined) return { on: env.PLAYGROUND, why: `PLAYGROUND=${env.PLAYGROUND}` };
  if (slackConfigured(env) || env.MicrosoftAppId) return { on: false, why: 'a Slack or Teams credential is configured (set PLAYGROUND=true to have them anyway)' };
  return { on: true, why: 'development machine without Slack or Teams credentials' };
}

export function teamsConfigured(env: Env): boolean {
  return Boolean(env.MicrosoftAppId) || developmentSurfaces(env).on;
}
export function playgroundEnabled(env: Env): boolean {
  return developmentSurfaces(env).on;
}

/** Where the HTTP server listens: HOST when set; loopback only while the playground is on; else every interface. */
export function listenHost(env: Env): string | undefined {
  return env.HOST ?? (developmentSurfaces(env).on ? '127.0.0.1' : undefined);
}
