import { checkSection, cleanText, findItem, formShape, formToAnswers, MAX_GRID_CELL_LENGTH, MAX_TEXT_LENGTH, validateAnswer } from './answers';
import { SurveyError } from './errors';
import { loadQuestionnaire } from './questionnaire/load';
import { makeRound } from './testing/fixtures';

// The shipped questionnaire, so allocation and grid answers use the real domain and role ids.
const questionnaire = loadQuestionnaire();
const detailed = makeRound({ questionnaire, dimensionIds: ['C'], depth: 'detailed', includeReflection: true });
const quick = makeRound({ questionnaire, dimensionIds: ['C'], depth: 'quick', includeReflection: false });

const DOMAINS = ['onderwijsloopbaan', 'leren-en-studeren', 'psychisch-en-sociaal-functioneren', 'preventieve-gezondheidszorg'] as const;

const answer = (itemId: string, raw: unknown, round = detailed) => validateAnswer(round, findItem(round, itemId), raw);

/** The SurveyError `answer` throws, as {code, field, params}; fails when nothing is thrown. */
function refusal(itemId: string, raw: unknown, round = detailed) {
  try {
    answer(itemId, raw, round);
  } catch (e) {
    if (!(e instanceof SurveyError)) throw e;
    return { code: e.code, field: e.field, params: e.params };
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused for ${itemId}`);
}

describe('scale answers', () => {
  it('accepts every point on the scale, as a number or as a string', () => {
    for (const v of [1, 2, 3, 4, 5, 6]) expect(answer('C-s1', v)).toBe(v);
    expect(answer('C-s1', '4')).toBe(4);
    expect(answer('C-s1', ' 5 ')).toBe(5);
    expect(answer('C-global', '6')).toBe(6);
  });

  it('refuses values off the scale', () => {
    for (const v of [0, 7, 3.5, -1, '7', '2,5']) expect(refusal('C-s1', v)).toEqual({ code: 'not_on_scale', field: 'C-s1', params: {} });
  });

  it('refuses what is not a number', () => {
    for (const v of ['abc', 'vier', '0x4', '4e0', 'Infinity', true, {}, [], Number.NaN, Number.POSITIVE_INFINITY]) expect(refusal('C-s2', v).code).toBe('not_a_number');
  });

  it('turns a blank answer into null (clears an earlier one)', () => {
    for (const v of [undefined, null, '', '   ']) expect(answer('C-s1', v)).toBeNull();
  });
});

describe('text answers', () => {
  it('trims and removes control characters but keeps newlines and tabs', () => {
    expect(answer('C-strengths', '  goede afspraken  ')).toBe('goede afspraken');
    // \u0000, \u0007 (bell), \u001B (escape), \u007F (DEL) and \u0085 (C1) go; \t and \n stay.
    expect(answer('C-strengths', 'a\u0000b\u0007c\u001Bd\u007Fe\u0085f')).toBe('abcdef');
    expect(answer('C-strengths', 'regel 1\nregel 2\tmet tab')).toBe('regel 1\nregel 2\tmet tab');
    // Windows and old Mac line breaks become \n.
    expect(answer('R1', 'een\r\ntwee\rdrie')).toBe('een\ntwee\ndrie');
    expect(cleanText(' \u0000 ')).toBe('');
  });

  it('treats blank text, or text of only control characters, as no answer', () => {
    expect(answer('C-priorities', '')).toBeNull();
    expect(answer('C-priorities', ' \n\t ')).toBeNull();
    expect(answer('R5', '\u0000\u0001')).toBeNull();
  });

  it('accepts 2000 characters and refuses 2001 with the length and the limit', () => {
    expect(MAX_TEXT_LENGTH).toBe(2000);
    expect(answer('C-strengths', 'a'.repeat(2000))).toHaveLength(2000);
    expect(refusal('C-strengths', 'a'.repeat(2001))).toEqual({ code: 'text_too_long', field: 'C-strengths', params: { length: 2001, max: 2000 } });
    expect(refusal('R7', 'b'.repeat(2500)).params).toEqual({ length: 2500, max: 2000 });
  });

  it('counts the length after cleaning', () => {
    // 2000 letters + 2 spaces each side + 3 control characters = 2007 raw, 2000 clean.
    expect(answer('C-strengths', `  ${'a'.repeat(2000)}\u0000\u0001\u0002  `)).toHaveLength(2000);
  });
});

describe('allocation answers (reflection question 3)', () => {
  it('accepts whole and half days, with a comma decimal, and fills missing domains with 0', () => {
    expect(answer('R3', { onderwijsloopbaan: 1.5, 'leren-en-studeren': '1,5', 'psychisch-en-sociaal-functioneren': '2' })).toEqual({
      onderwijsloopbaan: 1.5,
      'leren-en-studeren': 1.5,
      'psychisch-en-sociaal-functioneren': 2,
      'preventieve-gezondheidszorg': 0,
    });
  });

  it('refuses a value that is not a multiple of 0.5', () => {
    expect(refusal('R3', { onderwijsloopbaan: 1.25 })).toEqual({ code: 'allocation_step', field: 'R3.onderwijsloopbaan', params: { step: 0.5 } });
    expect(refusal('R3', { 'leren-en-studeren': '0,3' }).code).toBe('allocation_step');
  });

  it('keeps each value within 0..5', () => {
    expect(answer('R3', { onderwijsloopbaan: 0 })).toEqual({ onderwijsloopbaan: 0, 'leren-en-studeren': 0, 'psychisch-en-sociaal-functioneren': 0, 'preventieve-gezondheidszorg': 0 });
    expect(answer('R3', { onderwijsloopbaan: 5 })).toMatchObject({ onderwijsloopbaan: 5 });
    expect(refusal('R3', { onderwijsloopbaan: 5.5 })).toEqual({ code: 'allocation_range', field: 'R3.onderwijsloopbaan', params: { max: 5 } });
    expect(refusal('R3', { onderwijsloopbaan: -0.5 }).code).toBe('allocation_range');
  });

  it('accepts a total of exactly 5 and refuses 5.5 with the total', () => {
    // 2 + 2 + 0.5 + 0.5 = 5: a full working week.
    expect(answer('R3', { onderwijsloopbaan: 2, 'leren-en-studeren': 2, 'psychisch-en-sociaal-functioneren': 0.5, 'preventieve-gezondheidszorg': 0.5 })).toEqual({
      onderwijsloopbaan: 2,
      'leren-en-studeren': 2,
      'psychisch-en-sociaal-functioneren': 0.5,
      'preventieve-gezondheidszorg': 0.5,
    });
    // 2 + 2 + 1.5 = 5.5 > 5.
    expect(refusal('R3', { onderwijsloopbaan: 2, 'leren-en-studeren': 2, 'psychisch-en-sociaal-functioneren': '1,5' })).toEqual({
      code: 'allocation_total',
      field: 'R3',
      params: { total: 5.5, max: 5 },
    });
  });

  it('refuses an unknown domain', () => {
    expect(refusal('R3', { sport: 1 })).toEqual({ code: 'unknown_domain', field: 'R3.sport', params: {} });
  });

  it('refuses a value that is not a number', () => {
    expect(refusal('R3', { onderwijsloopbaan: 'twee' })).toEqual({ code: 'not_a_number', field: 'R3.onderwijsloopbaan', params: {} });
    expect(refusal('R3', [1, 2]).code).toBe('not_a_number');
    expect(refusal('R3', 3).code).toBe('not_a_number');
  });

  it('treats a blank allocation, or one with only blank cells, as no answer', () => {
    expect(answer('R3', '')).toBeNull();
    expect(answer('R3', null)).toBeNull();
    expect(answer('R3', {})).toBeNull();
    expect(answer('R3', { onderwijsloopbaan: '', 'leren-en-studeren': '  ', 'psychisch-en-sociaal-functioneren': null })).toBeNull();
  });
});

describe('role grid answers (reflection question 4)', () => {
  it('keeps filled cells (trimmed) and drops empty ones', () => {
    expect(
      answer('R4', {
        onderwijsloopbaan: { mine: '  ik volg op  ', teachers: '', others: '   ' },
        'leren-en-studeren': { others: 'CLB' },
        'preventieve-gezondheidszorg': {},
      }),
    ).toEqual({ onderwijsloopbaan: { mine: 'ik volg op' }, 'leren-en-studeren': { others: 'CLB' } });
  });

  it('treats an all-empty grid as no answer', () => {
    expect(answer('R4', { onderwijsloopbaan: { mine: '', teachers: ' ' } })).toBeNull();
    expect(answer('R4', {})).toBeNull();
    expect(answer('R4', undefined)).toBeNull();
  });

  it('refuses an unknown domain or role, naming the cell', () => {
    expect(refusal('R4', { sport: { mine: 'x' } })).toEqual({ code: 'unknown_domain', field: 'R4.sport', params: {} });
    expect(refusal('R4', { onderwijsloopbaan: { parents: 'x' } })).toEqual({ code: 'unknown_role', field: 'R4.onderwijsloopbaan.parents', params: {} });
  });

  it('limits a cell to 500 characters', () => {
    expect(MAX_GRID_CELL_LENGTH).toBe(500);
    expect(answer('R4', { onderwijsloopbaan: { mine: 'x'.repeat(500) } })).toEqual({ onderwijsloopbaan: { mine: 'x'.repeat(500) } });
    expect(refusal('R4', { onderwijsloopbaan: { teachers: 'x'.repeat(501) } })).toEqual({
      code: 'text_too_long',
      field: 'R4.onderwijsloopbaan.teachers',
      params: { length: 501, max: 500 },
    });
  });
});

describe('findItem', () => {
  it('refuses an item that is not in the round', () => {
    expect(() => findItem(detailed, 'A1-s1')).toThrow(expect.objectContaining({ code: 'unknown_item', field: 'A1-s1' }));
    // The reflection is not part of the quick round above.
    expect(() => findItem(quick, 'R1')).toThrow(expect.objectContaining({ code: 'unknown_item', field: 'R1' }));
  });
});

describe('checkSection', () => {
  const allStatements = (value: unknown) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`C-s${i}`, value]));

  it('returns the clean answers of a valid section, with null for what was left blank', () => {
    const result = checkSection(detailed, 'C', { ...allStatements('4'), 'C-strengths': '  duidelijke zorgcoördinator ', 'C-priorities': '' });
    expect(result).toEqual({
      ok: true,
      answers: { 'C-global': null, ...allStatements(4), 'C-strengths': 'duidelijke zorgcoördinator', 'C-priorities': null, 'C-practice': null },
    });
  });

  it('returns every problem at once, each with its field', () => {
    const result = checkSection(detailed, 'C', {
      'C-s1': 9,
      'C-s2': 'veel',
      'C-strengths': 'a'.repeat(2001),
      'Z-1': 3,
    });
    if (result.ok) throw new Error('expected problems');
    // 1 unknown item + 2 bad statements + 5 missing statements (s3..s7) + 1 text too long = 9.
    expect(result.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'Z-1:unknown_item',
      'C-s1:not_on_scale',
      'C-s2:not_a_number',
      'C-s3:required',
      'C-s4:required',
      'C-s5:required',
      'C-s6:required',
      'C-s7:required',
      'C-strengths:text_too_long',
    ]);
    expect(result.errors.every((e) => e instanceof SurveyError)).toBe(true);
  });

  it('refuses an item of another section', () => {
    const result = checkSection(detailed, 'C', { ...allStatements(3), R1: 'hallo' });
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'unknown_item', field: 'R1' })] });
  });

  it('requires the global judgement in a quick round, and nothing else', () => {
    const missing = checkSection(quick, 'C', { 'C-strengths': 'x' });
    expect(missing).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'required', field: 'C-global' })] });
    expect(checkSection(quick, 'C', { 'C-global': '5' })).toEqual({
      ok: true,
      answers: { 'C-global': 5, 'C-strengths': null, 'C-priorities': null, 'C-practice': null },
    });
    // Statements are not asked in a quick round, so sending one is an unknown item.
    const statement = checkSection(quick, 'C', { 'C-global': 5, 'C-s1': 5 });
    expect(statement).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'unknown_item', field: 'C-s1' })] });
  });

  it('leaves every reflection question optional', () => {
    expect(checkSection(detailed, 'reflection', {})).toEqual({
      ok: true,
      answers: { R1: null, R2: null, R3: null, R4: null, R5: null, R6: null, R7: null },
    });
  });

  it('refuses an unknown section', () => {
    expect(checkSection(detailed, 'A1', {})).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'unknown_section', field: 'A1' })] });
    expect(checkSection(quick, 'reflection', {})).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'unknown_section' })] });
  });
});

describe('formToAnswers: client-supplied field names', () => {
  const accepted = formShape(detailed, 'reflection', ['group']);

  it('nests flat fields under their item id', () => {
    const { fields, unknown } = formToAnswers({ R1: 'Goed', 'R3.onderwijsloopbaan': '1,5', 'R4.onderwijsloopbaan.mine': 'Ik', group: 'teacher' }, accepted);
    expect(unknown).toEqual([]);
    expect(JSON.parse(JSON.stringify(fields))).toEqual({ R1: 'Goed', R3: { onderwijsloopbaan: '1,5' }, R4: { onderwijsloopbaan: { mine: 'Ik' } }, group: 'teacher' });
  });

  it('never reaches Object.prototype, whatever the names, and reports what it did not take', () => {
    const flat: Record<string, unknown> = JSON.parse(
      JSON.stringify({
        '__proto__.polluted': 'yes',
        'constructor.prototype.polluted': 'yes',
        'R3.__proto__.polluted': 'yes',
        'R4.constructor.prototype': 'yes',
        'R4.__proto__.polluted': 'yes',
        'R3.onderwijsloopbaan.x.y': 'too deep',
        'R1.': 'empty part',
        prototype: 'yes',
        R5: { nested: 'object' },
      }),
    );
    // A bare "__proto__" field, as JSON.parse makes it: an own key, not the prototype.
    Object.defineProperty(flat, '__proto__', { value: 'own key', enumerable: true });
    const { fields, unknown } = formToAnswers(flat, accepted);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(unknown.sort()).toEqual(['R1.', 'R3.__proto__.polluted', 'R3.onderwijsloopbaan.x.y', 'R5', '__proto__', '__proto__.polluted', 'constructor.prototype.polluted', 'prototype'].sort());
    // A sub-part under a known item is kept as an own key for the validators to refuse by name.
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.keys(fields.R4 as object).sort()).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(fields.R4)).toBeNull();
    const check = checkSection(detailed, 'reflection', fields);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['unknown_domain']));
  });

  it('takes each input only at its own depth', () => {
    const { fields, unknown } = formToAnswers({ R3: '2', 'R3.onderwijsloopbaan': '1', 'R1.x': 'a', 'R4.onderwijsloopbaan': 'b', group: 'teacher', 'group.x': 'y' }, accepted);
    expect(JSON.parse(JSON.stringify(fields))).toEqual({ R3: { onderwijsloopbaan: '1' }, group: 'teacher' });
    expect(unknown).toEqual(['R3', 'R1.x', 'R4.onderwijsloopbaan', 'group.x']);
  });
});
