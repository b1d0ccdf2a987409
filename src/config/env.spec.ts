import { ConfigError, developmentSurfaces, listenHost, parseEnv, playgroundEnabled, slackConfigured, teamsConfigured } from './env';

/** The problem lines parseEnv reports for an environment, or [] when it is accepted. */
function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

const PRODUCTION = {
  NODE_ENV: 'production',
  RESPONDENT_KEY_SECRET: 'a'.repeat(64),
  MONGODB_URI: 'mongodb+srv://user:pw@cluster0.example.net',
};

describe('parseEnv', () => {
  it('fills in the defaults for an empty environment', () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: 'development',
      PORT: 3978,
      LOG_LEVEL: 'info',
      MONGODB_DB: 'zorgspiegel',
      DATA_DIR: './.data',
      DEFAULT_LANGUAGE: 'nl',
      ANONYMITY_THRESHOLD: 5,
      TIME_ZONE: 'Europe/Brussels',
      WORKING_HOURS: 'mon-fri 08:00-18:00',
      MicrosoftAppType: 'SingleTenant',
    });
  });

  it('takes working hours as days and a window, or always, and says what it wants otherwise', () => {
    expect(parseEnv({ WORKING_HOURS: 'always' }).WORKING_HOURS).toBe('always');
    expect(() => parseEnv({ WORKING_HOURS: 'weekdays' })).toThrow(/WORKING_HOURS: must be "always" or days and hours like "mon-fri 08:00-18:00"/);
  });

  it('converts numbers and switches, and ignores variables it does not know', () => {
    const env = parseEnv({ PORT: '8080', ANONYMITY_THRESHOLD: '3', PLAYGROUND: 'on', PATH: '/usr/bin', HOME: '/root' });
    expect(env).toMatchObject({ PORT: 8080, ANONYMITY_THRESHOLD: 3, PLAYGROUND: true });
    expect(env).not.toHaveProperty('PATH');
    expect(parseEnv({ PLAYGROUND: '0' }).PLAYGROUND).toBe(false);
    expect(parseEnv({ PLAYGROUND: 'false' }).PLAYGROUND).toBe(false);
  });

  it('treats empty (and blank) values as unset', () => {
    expect(parseEnv({ PORT: '', NODE_ENV: '', MONGODB_URI: '', SLACK_BOT_TOKEN: '', ANONYMITY_THRESHOLD: '  ' })).toEqual(parseEnv({}));
    // A blank secret next to a bot token is "missing", reported once.
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '   ' })).toEqual([
      'SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (HTTP mode) (e.g. SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543)',
    ]);
  });

  it('reports every problem on its own line, naming the variable and giving an example', () => {
    const lines = problems({ PORT: 'abc', ANONYMITY_THRESHOLD: '2', LOG_LEVEL: 'loud', MONGODB_URI: 'http://db', TIME_ZONE: 'Mars/Olympus' });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^PORT: .* \(e\.g\. PORT=3978\)$/);
    expect(lines).toContain('ANONYMITY_THRESHOLD: must be at least 3 (e.g. ANONYMITY_THRESHOLD=5)');
    expect(lines).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (e.g. LOG_LEVEL=info)');
    expect(lines).toContain('MONGODB_URI: must start with mongodb:// or mongodb+srv:// (e.g. MONGODB_URI=mongodb://localhost:27017)');
    expect(lines).toContain('TIME_ZONE: is not a known IANA time zone (e.g. TIME_ZONE=Europe/Brussels)');
  });

  it('takes numbers in plain decimal digits only', () => {
    for (const [name, value] of [['PORT', '0xA7F8'], ['PORT', '4.3002e4'], ['PORT', '3978.0'], ['PORT', '+3978'], ['ANONYMITY_THRESHOLD', '1e9'], ['ANONYMITY_THRESHOLD', '5.0'], ['ANONYMITY_THRESHOLD', 'Infinity']]) {
      expect(problems({ [name!]: value })).toEqual([expect.stringMatching(new RegExp(`^${name}: must be a whole number in plain decimal digits \\(e\\.g\\. ${name}=`))]);
    }
    expect(problems({ ANONYMITY_THRESHOLD: '1000000000' })).toEqual(['ANONYMITY_THRESHOLD: must be at most 1000 (e.g. ANONYMITY_THRESHOLD=5)']);
    expect(parseEnv({ PORT: '43002', ANONYMITY_THRESHOLD: '7' })).toMatchObject({ PORT: 43002, ANONYMITY_THRESHOLD: 7 });
  });

  it('takes a Teams send rate up to the documented one, never above', () => {
    expect(parseEnv({ TEAMS_SENDS_PER_SECOND: '3' }).TEAMS_SENDS_PER_SECOND).toBe(3);
    expect(problems({ TEAMS_SENDS_PER_SECOND: '16' })).toEqual(['TEAMS_SENDS_PER_SECOND: must be at most 15 (e.g. TEAMS_SENDS_PER_SECOND=10)']);
    expect(problems({ TEAMS_SENDS_PER_SECOND: '0' })).toEqual(['TEAMS_SENDS_PER_SECOND: must be at least 1 (e.g. TEAMS_SENDS_PER_SECOND=10)']);
  });

  it('refuses a MONGODB_URI the driver cannot parse, naming the variable with an example and never the password', () => {
    const [unencoded] = problems({ MONGODB_URI: 'mongodb://zorg:geh@im@db.example.be:27017' });
    expect(unencoded).toMatch(/^MONGODB_URI: is not a valid MongoDB connection string: .*%40.* \(e\.g\. MONGODB_URI=mongodb:\/\/localhost:27017\)$/);
    const [option] = problems({ MONGODB_URI: 'mongodb://zorg:s3cr3t-pw@db.example.be/zs?colour=blue' });
    expect(option).toMatch(/^MONGODB_URI: is not a valid MongoDB connection string: option colour is not supported/);
    expect(option).not.toContain('s3cr3t-pw');
    expect(problems({ MONGODB_URI: 'mongodb://db.example.be:99999' })).toHaveLength(1);
    expect(parseEnv({ MONGODB_URI: 'mongodb+srv://zorg:pw%40x@cluster0.example.mongodb.net/?retryWrites=true' }).MONGODB_URI).toContain('cluster0');
  });

  it('puts the lines in the error message, one per line', () => {
    try {
      parseEnv({ PORT: '70000', DEFAULT_LANGUAGE: 'fr' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as ConfigError).message.split('\n');
      expect(message[0]).toBe('Invalid configuration:');
      expect(message).toHaveLength(3);
      expect(message[1]).toMatch(/^ {2}PORT: .*\(e\.g\. PORT=3978\)$/);
      expect(message[2]).toBe('  DEFAULT_LANGUAGE: must be one of nl, en (e.g. DEFAULT_LANGUAGE=nl)');
    }
  });

  it('refuses a short respondent-key secret and a bad Slack token', () => {
    expect(problems({ RESPONDENT_KEY_SECRET: 'short' })).toEqual([
      'RESPONDENT_KEY_SECRET: must be at least 32 characters (e.g. RESPONDENT_KEY_SECRET=$(openssl rand -hex 32))',
    ]);
    expect(problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 's' })).toEqual(['SLACK_BOT_TOKEN: must start with xoxb- (e.g. SLACK_BOT_TOKEN=xoxb-…)']);
  });

  describe('rules across variables', () => {
    it('needs the signing secret with a Slack bot token in HTTP mode, not in socket mode', () => {
      expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
        'SLACK_SIGNING_SECRET: is required with SLACK_BOT_TOKEN (HTTP mode) (e.g. SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543)',
      ]);
      expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secret' })).toEqual([]);
      expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toEqual([]);
    });

    it('needs all of the multi-workspace Slack settings once one is given', () => {
      expect(problems({ SLACK_CLIENT_ID: '123.456' })).toEqual([
        'SLACK_CLIENT_SECRET: is required for multi-workspace Slack (e.g. SLACK_CLIENT_SECRET=…)',
        'SLACK_STATE_SECRET: is required for multi-workspace Slack (e.g. SLACK_STATE_SECRET=any-long-random-string)',
        'SLACK_SIGNING_SECRET: is required for multi-workspace Slack (e.g. SLACK_SIGNING_SECRET=8f14e45fceea167a5a36dedd4bea2543)',
      ]);
      expect(problems({ SLACK_STATE_SECRET: 'x' }).map((l) => l.split(':')[0])).toEqual(['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_SIGNING_SECRET']);
      expect(problems({ SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_STATE_SECRET: '3', SLACK_SIGNING_SECRET: '4' })).toEqual([]);
    });

    it('needs a password with a Microsoft app id, and a tenant id for a single-tenant app', () => {
      // Single-tenant is the default app type: it also needs the tenant id.
      expect(problems({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001' })).toEqual([
        'MicrosoftAppPassword: is required with MicrosoftAppId (e.g. MicrosoftAppPassword=…)',
        'MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant (e.g. MicrosoftAppTenantId=00000000-0000-0000-0000-000000000000)',
      ]);
      expect(problems({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'MultiTenant' })).toEqual([]);
      expect(problems({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' })).toEqual([
        'MicrosoftAppTenantId: is required when MicrosoftAppType is SingleTenant (e.g. MicrosoftAppTenantId=00000000-0000-0000-0000-000000000000)',
      ]);
      // A managed identity has no password, but does need its tenant.
      expect(problems({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' })).toEqual([]);
    });

    it('needs the respondent-key secret and MongoDB in production, and refuses the playground there', () => {
      expect(problems({ NODE_ENV: 'production' })).toEqual([
        'RESPONDENT_KEY_SECRET: is required in production (answers are keyed by HMAC with it) (e.g. RESPONDENT_KEY_SECRET=$(openssl rand -hex 32))',
        'MONGODB_URI: is required in production (the embedded database is for development only) (e.g. MONGODB_URI=mongodb://localhost:27017)',
      ]);
      expect(problems({ ...PRODUCTION })).toEqual([]);
      expect(problems({ ...PRODUCTION, PLAYGROUND: 'true' })).toEqual([
        'PLAYGROUND: cannot be on in production: anyone could act as anyone (e.g. PLAYGROUND=false)',
      ]);
      expect(problems({ ...PRODUCTION, PLAYGROUND: 'false' })).toEqual([]);
    });

    it('reports cross-variable problems together with problems of single variables', () => {
      // Fixing PORT must not reveal a second round of problems: all come at once.
      expect(problems({ NODE_ENV: 'production', PORT: 'abc', SLACK_BOT_TOKEN: 'xoxb-1' }).map((l) => l.split(':')[0])).toEqual([
        'PORT',
        'SLACK_SIGNING_SECRET',
        'RESPONDENT_KEY_SECRET',
        'MONGODB_URI',
      ]);
    });
  });
});

describe('what is switched on', () => {
  it('detects Slack by a bot token or a client id', () => {
    expect(slackConfigured(parseEnv({}))).toBe(false);
    expect(slackConfigured(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBe(true);
    expect(slackConfigured(parseEnv({ SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2', SLACK_STATE_SECRET: '3', SLACK_SIGNING_SECRET: '4' }))).toBe(true);
  });

  it('runs Teams outside production without an app id (for the emulator), in production only with one', () => {
    expect(teamsConfigured(parseEnv({}))).toBe(true);
    expect(teamsConfigured(parseEnv(PRODUCTION))).toBe(false);
    expect(teamsConfigured(parseEnv({ ...PRODUCTION, MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 't' }))).toBe(true);
  });

  it('enables the playground outside production unless switched off', () => {
    expect(playgroundEnabled(parseEnv({}))).toBe(true);
    expect(playgroundEnabled(parseEnv({ PLAYGROUND: 'off' }))).toBe(false);
    expect(playgroundEnabled(parseEnv(PRODUCTION))).toBe(false);
  });

  it('keeps the playground and the unauthenticated Teams endpoint off beside a real platform, unless asked for', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(playgroundEnabled(parseEnv(slack))).toBe(false);
    expect(teamsConfigured(parseEnv(slack))).toBe(false);
    expect(developmentSurfaces(parseEnv(slack)).why).toMatch(/credential is configured/);
    expect(playgroundEnabled(parseEnv({ ...slack, PLAYGROUND: 'true' }))).toBe(true);
    expect(teamsConfigured(parseEnv({ ...slack, PLAYGROUND: 'true' }))).toBe(true);
    const teams = { MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppTenantId: 't' };
    expect(playgroundEnabled(parseEnv(teams))).toBe(false);
  });

  it('listens on loopback only while the playground is on, unless HOST says otherwise', () => {
    expect(listenHost(parseEnv({}))).toBe('127.0.0.1');
    expect(listenHost(parseEnv({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(listenHost(parseEnv({ ...PRODUCTION }))).toBeUndefined();
    expect(listenHost(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).toBeUndefined();
  });
});
