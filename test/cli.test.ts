import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The command line as a user runs it: `node bin/zorgspiegel.js …` in a fresh process (tsx
 * compiles the sources on the fly, hence the generous timeouts), with a clean environment so
 * nothing from the test runner (NODE_ENV=test, database URIs) leaks in.
 */
const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'questionnaires');
const TIMEOUT = 20_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function zorgspiegel(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const name of ['HOME', 'TMPDIR']) if (process.env[name]) base[name] = process.env[name]!;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/zorgspiegel.js', ...args], { cwd: ROOT, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A command that should have exited but keeps running (e.g. `serve` that started anyway) fails
    // the test instead of hanging it.
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT - 2_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('zorgspiegel questionnaire show', () => {
  it(
    'prints the questionnaire as JSON: 7 dimensions, the reflection questions and the ROK scale',
    async () => {
      const { code, stdout, stderr } = await zorgspiegel(['questionnaire', 'show', '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const q = JSON.parse(stdout);
      expect(q.dimensions.map((d: { id: string }) => d.id)).toEqual(['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E']);
      const c = q.dimensions.find((d: { id: string }) => d.id === 'C');
      expect(c.title).toBe('Ondersteunende structuren en procedures');
      // Seed 004 prints dimension C with these seven statements.
      expect(c.statements.map((s: { text: string }) => s.text)).toEqual([
        'is het duidelijk bij wie leraren terechtkunnen met hun vragen over het concretiseren van brede basiszorg en verhoogde (leer)zorg.',
        'is het duidelijk bij wie leerlingen en ouders terechtkunnen met zorgnoden.',
        'zijn er duidelijke afspraken over de wijze waarop leraren het best invulling geven aan brede basiszorg.',
        'zijn er duidelijke afspraken over de wijze waarop leraren het best invulling geven aan verhoogde (leer)zorg (remediëren, compenseren, differentiëren, dispenseren).',
        'zijn er structuren om leerlingen met leernoden spoedig te detecteren. Leraren hebben hier een duidelijke verantwoordelijkheid bij.',
        'zijn er structuren om de specifieke aard van deze leernoden precies te detecteren en de nodige acties te formuleren.',
        'zijn er structuren om het uitvoeren van deze benodigde acties duidelijk te verwachten van leraren, het voldoen aan deze afspraken op te volgen, bij te sturen en/of nieuwe verwachtingen te stellen waar nodig.',
      ]);
      expect(q.reflection.questions.map((r: { number: number }) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(q.reflection.questions.map((r: { type: string }) => r.type)).toEqual(['text', 'text', 'allocation', 'roleGrid', 'text', 'text', 'text']);
      expect(q.reflection.questions[2]).toMatchObject({ max: 5, step: 0.5 });
      // Six points, each linked to its ROK band; the band names are the inspectorate's.
      const rok = q.scale.points.map((p: { value: number; label: string; band: keyof typeof q.scale.bandLabels }) => [p.value, p.label, q.scale.bandLabels[p.band]]);
      expect(rok).toEqual([
        [1, 'Volledig oneens', 'Beneden de verwachtingen'],
        [2, 'Oneens', 'Beneden de verwachtingen'],
        [3, 'Eerder oneens', 'Benadert de verwachtingen'],
        [4, 'Eerder eens', 'Volgens de verwachtingen'],
        [5, 'Eens', 'Overstijgt de verwachtingen'],
        [6, 'Volledig eens', 'Overstijgt de verwachtingen'],
      ]);
    },
    TIMEOUT,
  );

  it(
    'prints English with --lang en',
    async () => {
      const json = await zorgspiegel(['questionnaire', 'show', '--json', '--lang', 'en']);
      expect(json.code).toBe(0);
      const q = JSON.parse(json.stdout);
      expect(q.title).toBe('Zorgspiegel: baseline analysis of our learning-care policy');
      expect(q.stem).toBe('At our school…');
      expect(q.scale.points[0].label).toBe('Strongly disagree');
      expect(q.scale.bandLabels.below).toBe('Below expectations');
      expect(q.dimensions[3].title).toBe('Supporting structures and procedures');

      const text = await zorgspiegel(['questionnaire', 'show', '--lang', 'en']);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('Scale\n  1  Strongly disagree — Below expectations');
      expect(text.stdout).toContain('Overall judgement: ');
      expect(text.stdout).not.toContain('Op onze school');
    },
    TIMEOUT,
  );

  it(
    'refuses to show an invalid QUESTIONNAIRE_PATH, listing its problems',
    async () => {
      const file = path.join(FIXTURES, 'duplicate-id.json');
      const { code, stdout, stderr } = await zorgspiegel(['questionnaire', 'show'], { QUESTIONNAIRE_PATH: file });
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`${file}: 1 problem(s)`);
      expect(stderr).toContain('$.dimensions.2.statements.0.id: duplicate id "A1-s2"');
    },
    TIMEOUT,
  );
});

describe('zorgspiegel questionnaire validate', () => {
  it(
    'accepts a good file with a one-line summary',
    async () => {
      const file = path.join(ROOT, 'src', 'core', 'questionnaire', 'default-questionnaire.json');
      const { code, stdout, stderr } = await zorgspiegel(['questionnaire', 'validate', file]);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(lines(stdout)).toEqual([`${file}: valid — zorgspiegel-bsa 2026.1: 7 dimensions, 45 statements, 7 reflection questions, 6-point scale`]);
    },
    TIMEOUT,
  );

  it(
    'refuses a bad file and prints every problem',
    async () => {
      const file = path.join(FIXTURES, 'many-problems.json');
      const { code, stdout, stderr } = await zorgspiegel(['questionnaire', 'validate', file]);
      expect(code).not.toBe(0);
      expect(stdout).toBe('');
      const out = lines(stderr);
      expect(out[0]).toBe(`${file}: 4 problem(s)`);
      expect(out.slice(1).sort()).toEqual(
        [
          '  $.dimensions.0.title.nl: Dutch text is missing',
          '  $.dimensions.3: unknown field(s): colour',
          '  $.reflection.questions.2.type: unknown answer type; expected one of "text", "allocation", "roleGrid"',
          '  $.dimensions.6.statements.0.id: duplicate id "C-s1" (first used at dimensions.3.statements.0.id)',
        ].sort(),
      );
    },
    TIMEOUT,
  );

  it(
    'says a file that is not JSON is not JSON',
    async () => {
      const { code, stderr } = await zorgspiegel(['questionnaire', 'validate', path.join(FIXTURES, 'not-json.json')]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/1 problem\(s\)\n {2}\$: not valid JSON: /);
    },
    TIMEOUT,
  );
});

describe('zorgspiegel (other commands)', () => {
  it(
    'exits 2 on an unknown command, with the usage',
    async () => {
      const { code, stderr } = await zorgspiegel(['frobnicate']);
      expect(code).toBe(2);
      expect(stderr).toContain('Unknown command "frobnicate"');
      expect(stderr).toContain('Usage: zorgspiegel <command>');
    },
    TIMEOUT,
  );

  it(
    'prints the usage for help',
    async () => {
      const { code, stdout } = await zorgspiegel(['help']);
      expect(code).toBe(0);
      expect(stdout).toContain('questionnaire validate FILE');
    },
    TIMEOUT,
  );
});

describe('zorgspiegel serve, refusing to start', () => {
  it(
    'exits 1 with the problems of an invalid QUESTIONNAIRE_PATH, the same ones validate prints',
    async () => {
      const file = path.join(FIXTURES, 'many-problems.json');
      const validate = await zorgspiegel(['questionnaire', 'validate', file]);
      const serve = await zorgspiegel(['serve'], { QUESTIONNAIRE_PATH: file, PORT: '39781', LOG_LEVEL: 'silent' });
      expect(serve.code).toBe(1);
      const problemLines = lines(validate.stderr);
      expect(problemLines).toHaveLength(5);
      for (const line of problemLines) expect(serve.stderr).toContain(line);
    },
    TIMEOUT,
  );

  it(
    'exits 1 on an invalid environment with one line per variable, naming it and giving an example',
    async () => {
      const { code, stderr } = await zorgspiegel(['serve'], { PORT: 'abc', ANONYMITY_THRESHOLD: '2' });
      expect(code).toBe(1);
      const out = lines(stderr);
      expect(out[0]).toBe('Invalid configuration:');
      expect(out).toHaveLength(3);
      expect(out[1]).toMatch(/^ {2}PORT: .+ \(e\.g\. PORT=3978\)$/);
      expect(out[2]).toBe('  ANONYMITY_THRESHOLD: must be at least 3 (e.g. ANONYMITY_THRESHOLD=5)');
    },
    TIMEOUT,
  );

  it(
    'refuses a production start without its secrets',
    async () => {
      const { code, stderr } = await zorgspiegel(['serve'], { NODE_ENV: 'production', PLAYGROUND: 'true' });
      expect(code).toBe(1);
      expect(stderr).toContain('RESPONDENT_KEY_SECRET: is required in production');
      expect(stderr).toContain('MONGODB_URI: is required in production');
      expect(stderr).toContain('PLAYGROUND: cannot be on in production');
    },
    TIMEOUT,
  );
});
