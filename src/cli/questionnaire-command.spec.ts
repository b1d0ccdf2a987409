import path from 'node:path';
import { loadQuestionnaire } from '../core/questionnaire/load';
import { localize, renderQuestionnaireText, runQuestionnaireCommand } from './questionnaire-command';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'questionnaires');
const q = loadQuestionnaire();

/** Runs the command with stdout and stderr captured. */
function run(args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: runQuestionnaireCommand(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('localize', () => {
  it('resolves every {nl, en} pair to one language and leaves everything else alone', () => {
    const value = { id: 'x', title: { nl: 'Titel', en: 'Title' }, list: [{ text: { nl: 'een', en: 'one' }, n: 1 }], other: { nl: 'a', en: 'b', extra: 'c' } };
    expect(localize(value, 'en')).toEqual({ id: 'x', title: 'Title', list: [{ text: 'one', n: 1 }], other: { nl: 'a', en: 'b', extra: 'c' } });
    expect(localize(value, 'nl')).toMatchObject({ title: 'Titel', list: [{ text: 'een', n: 1 }] });
  });
});

describe('renderQuestionnaireText', () => {
  it('prints the scale with its ROK bands, every dimension and the reflection questions with their types', () => {
    const text = renderQuestionnaireText(q, 'nl');
    expect(text.startsWith('Zorgspiegel')).toBe(true);
    expect(text).toContain('Schaal\n  1  Volledig oneens — Beneden de verwachtingen\n');
    expect(text).toContain('  3  Eerder oneens — Benadert de verwachtingen\n');
    expect(text).toContain('  4  Eerder eens — Volgens de verwachtingen\n');
    expect(text).toContain('  6  Volledig eens — Overstijgt de verwachtingen\n');
    expect(text).toContain('\nC. Ondersteunende structuren en procedures\n');
    expect(text).toContain('  Globaal oordeel: ');
    expect(text).toContain('    7. zijn er structuren om het uitvoeren van deze benodigde acties');
    expect(text).toContain('  3. [allocation] Als je een doorsnee week');
    expect(text).toContain('  4. [roleGrid] ');
    // Seven dimension headings "A1. …" to "E. …".
    expect(text.match(/^(A1|A2|B|C|D1|D2|E)\. /gm)).toHaveLength(7);
  });

  it('prints English when asked', () => {
    const text = renderQuestionnaireText(q, 'en');
    expect(text).toContain('Scale\n  1  Strongly disagree — Below expectations\n');
    expect(text).toContain('  Overall judgement: ');
    expect(text).toContain('  At our school…\n');
    expect(text).not.toContain('Op onze school');
  });
});

describe('runQuestionnaireCommand', () => {
  it('shows the questionnaire as JSON in the chosen language', () => {
    const { code, stdout } = run(['show', '--json', '--lang', 'en']);
    expect(code).toBe(0);
    const shown = JSON.parse(stdout);
    expect(shown.stem).toBe('At our school…');
    expect(shown.dimensions).toHaveLength(7);
  });

  it('shows another file with --file', () => {
    const { code, stdout } = run(['show', '--json', '--file', path.join(FIXTURES, 'valid-one-dimension.json')]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).dimensions.map((d: { id: string }) => d.id)).toEqual(['C']);
  });

  it('refuses a language it does not speak', () => {
    const { code, stderr } = run(['show', '--lang', 'fr']);
    expect(code).toBe(2);
    expect(stderr).toBe('--lang must be nl or en, not "fr"\n');
  });

  it('validates a good file with a one-line summary', () => {
    const file = path.join(FIXTURES, 'valid-one-dimension.json');
    const { code, stdout, stderr } = run(['validate', file]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${file}: valid — school-own 1: 1 dimensions, 7 statements, 7 reflection questions, 6-point scale\n`);
  });

  it('lists every problem of a bad file and fails', () => {
    const file = path.join(FIXTURES, 'reflection-out-of-order.json');
    const { code, stdout, stderr } = run(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${file}: 2 problem(s)\n` +
        '  $.reflection.questions.2.number: expected number 3 (questions are numbered in order)\n' +
        '  $.reflection.questions.3.number: expected number 4 (questions are numbered in order)\n',
    );
  });

  it('explains its usage when the file or the subcommand is missing', () => {
    expect(run(['validate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('validate FILE') });
    expect(run(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: zorgspiegel questionnaire') });
    expect(run([])).toMatchObject({ code: 2 });
  });
});
