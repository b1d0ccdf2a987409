import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_QUESTIONNAIRE_PATH,
  formatProblems,
  loadQuestionnaire,
  parseQuestionnaire,
  QuestionnaireInvalidError,
  readQuestionnaireFile,
  summarizeQuestionnaire,
  type QuestionnaireProblem,
} from './load';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'questionnaires');
const fixture = (name: string) => path.join(FIXTURES, name);

/** The problems of a file that must be refused. */
function problemsOf(name: string): QuestionnaireProblem[] {
  const result = readQuestionnaireFile(fixture(name));
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.problems;
}

const defaultJson = () => JSON.parse(fs.readFileSync(DEFAULT_QUESTIONNAIRE_PATH, 'utf8'));

describe('loadQuestionnaire', () => {
  it('loads the shipped questionnaire by default', () => {
    const q = loadQuestionnaire();
    expect(q.id).toBe('zorgspiegel-bsa');
    expect(q.dimensions.map((d) => d.id)).toEqual(['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E']);
    // Statements: A1 6 + A2 7 + B 6 + C 7 + D1 6 + D2 7 + E 6 = 45.
    expect(summarizeQuestionnaire(q)).toBe('zorgspiegel-bsa 2026.1: 7 dimensions, 45 statements, 7 reflection questions, 6-point scale');
  });

  it('loads a school’s own valid file', () => {
    const q = loadQuestionnaire(fixture('valid-one-dimension.json'));
    expect(summarizeQuestionnaire(q)).toBe('school-own 1: 1 dimensions, 7 statements, 7 reflection questions, 6-point scale');
  });

  it('throws QuestionnaireInvalidError listing the file and its problems', () => {
    const file = fixture('duplicate-id.json');
    let error: unknown;
    try {
      loadQuestionnaire(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QuestionnaireInvalidError);
    const invalid = error as QuestionnaireInvalidError;
    expect(invalid.file).toBe(file);
    expect(invalid.problems).toHaveLength(1);
    expect(invalid.message).toBe(`${file}: 1 problem(s)\n  $.dimensions.2.statements.0.id: duplicate id "A1-s2" (first used at dimensions.0.statements.1.id)`);
  });

  it('says so when the file cannot be read', () => {
    const problems = readQuestionnaireFile(fixture('does-not-exist.json'));
    expect(problems).toEqual({ ok: false, problems: [{ path: '$', message: expect.stringMatching(/^cannot read .*does-not-exist\.json: .*ENOENT/) }] });
  });
});

describe('broken questionnaire files', () => {
  it('refuses an id used twice, even across dimensions', () => {
    expect(problemsOf('duplicate-id.json')).toEqual([
      { path: '$.dimensions.2.statements.0.id', message: 'duplicate id "A1-s2" (first used at dimensions.0.statements.1.id)' },
    ]);
  });

  it('refuses an unknown answer type and names the allowed ones', () => {
    expect(problemsOf('unknown-answer-type.json')).toEqual([
      { path: '$.reflection.questions.4.type', message: 'unknown answer type; expected one of "text", "allocation", "roleGrid"' },
    ]);
    const data = defaultJson();
    data.reflection.questions[0].type = 'likert';
    expect(parseQuestionnaire(data)).toEqual({
      ok: false,
      problems: [{ path: '$.reflection.questions.0.type', message: expect.stringContaining('"text", "allocation", "roleGrid"') }],
    });
  });

  it('refuses a text without its English translation', () => {
    expect(problemsOf('missing-english.json')).toEqual([{ path: '$.dimensions.2.statements.1.text.en', message: 'English translation is missing' }]);
    const data = defaultJson();
    data.title.en = ' ';
    expect(parseQuestionnaire(data)).toEqual({ ok: false, problems: [{ path: '$.title.en', message: 'English translation is missing' }] });
  });

  it('refuses a text without Dutch', () => {
    expect(problemsOf('missing-dutch.json')).toEqual([{ path: '$.reflection.questions.0.text.nl', message: 'Dutch text is missing' }]);
    const data = defaultJson();
    delete data.scale.points[0].label.nl;
    expect(parseQuestionnaire(data)).toEqual({ ok: false, problems: [{ path: '$.scale.points.0.label.nl', message: 'Dutch text is missing' }] });
  });

  it('refuses a file that is not JSON at all', () => {
    expect(problemsOf('not-json.json')).toEqual([{ path: '$', message: expect.stringMatching(/^not valid JSON: /) }]);
  });

  it('refuses an unknown field', () => {
    expect(problemsOf('unknown-field.json')).toEqual([{ path: '$.dimensions.0', message: 'unknown field(s): colour' }]);
    const data = defaultJson();
    data.extra = 1;
    expect(parseQuestionnaire(data)).toEqual({ ok: false, problems: [{ path: '$', message: 'unknown field(s): extra' }] });
  });

  it('refuses a scale that is not in ascending order', () => {
    expect(problemsOf('scale-not-ascending.json')).toEqual([{ path: '$.scale.points', message: 'scale points must be in ascending order' }]);
  });

  it('refuses reflection questions numbered out of order', () => {
    expect(problemsOf('reflection-out-of-order.json')).toEqual([
      { path: '$.reflection.questions.2.number', message: 'expected number 3 (questions are numbered in order)' },
      { path: '$.reflection.questions.3.number', message: 'expected number 4 (questions are numbered in order)' },
    ]);
  });

  it('reports every problem of a file at once, the cross-checks included', () => {
    const problems = problemsOf('many-problems.json');
    expect(problems).toHaveLength(4);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '$.dimensions.0.title.nl', message: 'Dutch text is missing' },
        { path: '$.dimensions.3', message: 'unknown field(s): colour' },
        { path: '$.reflection.questions.2.type', message: 'unknown answer type; expected one of "text", "allocation", "roleGrid"' },
        { path: '$.dimensions.6.statements.0.id', message: 'duplicate id "C-s1" (first used at dimensions.3.statements.0.id)' },
      ]),
    );
  });

  it('refuses ids that cannot be MongoDB field names', () => {
    const data = defaultJson();
    data.dimensions[0].statements[0].id = 'A1.s1';
    expect(parseQuestionnaire(data)).toEqual({
      ok: false,
      problems: [{ path: '$.dimensions.0.statements.0.id', message: 'ids use letters, digits, - and _ only (max 40)' }],
    });
  });

  it('refuses a dimension without both open questions', () => {
    const data = defaultJson();
    data.dimensions[1].openQuestions[1].kind = 'strengths';
    expect(parseQuestionnaire(data)).toEqual({
      ok: false,
      problems: [{ path: '$.dimensions.1.openQuestions', message: 'needs one "strengths" and one "priorities" question (and at most one "practice" question)' }],
    });
  });

  it('refuses JSON that is not an object, with a problem at the root', () => {
    for (const value of [null, 'questionnaire', [], 42]) {
      const result = parseQuestionnaire(value);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problems[0]!.path).toBe('$');
    }
  });
});

describe('formatProblems', () => {
  it('prints a header and one indented line per problem', () => {
    expect(
      formatProblems('q.json', [
        { path: '$.a', message: 'first' },
        { path: '$', message: 'second' },
      ]),
    ).toBe('q.json: 2 problem(s)\n  $.a: first\n  $: second');
  });
});
