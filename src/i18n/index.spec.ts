import fs from 'node:fs';
import path from 'node:path';
import { SURVEY_ERROR_CODES, SurveyError } from '../core/errors';
import { describeError, hasKey, localeKeys, resolveLang, SUPPORTED_LANGS, t, translator } from './index';

const LOCALES = path.join(__dirname, '..', 'locales');

describe('locale files', () => {
  it('exist for the same namespaces in Dutch and English', () => {
    const files = (lang: string) => fs.readdirSync(path.join(LOCALES, lang)).filter((f) => f.endsWith('.json')).sort();
    expect(files('nl')).toEqual(files('en'));
    expect(files('nl')).toEqual(expect.arrayContaining(['errors.json', 'questionnaire.json']));
  });

  it('have exactly the same keys in both languages', () => {
    const nl = localeKeys('nl');
    const en = localeKeys('en');
    expect(nl.length).toBeGreaterThan(0);
    expect(nl.filter((k) => !en.includes(k))).toEqual([]); // in Dutch only
    expect(en.filter((k) => !nl.includes(k))).toEqual([]); // in English only
  });

  it('use the same {{params}} in both languages', () => {
    const params = (lang: 'nl' | 'en', key: string) => [...t(lang, key, {}).matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
    const mismatches = localeKeys('nl').filter((key) => JSON.stringify(params('nl', key)) !== JSON.stringify(params('en', key)));
    expect(mismatches).toEqual([]);
  });

  it('leave no text empty', () => {
    for (const lang of SUPPORTED_LANGS) {
      const empty = localeKeys(lang).filter((key) => t(lang, key).trim() === '');
      expect(empty).toEqual([]);
    }
  });
});

describe('error messages', () => {
  it.each([...SURVEY_ERROR_CODES])('"%s" has a message in Dutch and in English', (code) => {
    expect(hasKey('nl', `errors:${code}`)).toBe(true);
    expect(hasKey('en', `errors:${code}`)).toBe(true);
    expect(t('nl', `errors:${code}`)).not.toBe(t('en', `errors:${code}`));
  });

  it('fills in the error’s params', () => {
    expect(describeError(new SurveyError('text_too_long', { length: 2001, max: 2000 }), 'en')).toBe('Your answer is 2001 characters long; at most 2000 are allowed.');
    expect(describeError(new SurveyError('text_too_long', { length: 2001, max: 2000 }), 'nl')).toBe('Je antwoord is 2001 tekens lang; het mag er hoogstens 2000 zijn.');
    expect(describeError(new SurveyError('illegal_transition', { from: 'closed', to: 'open' }), 'en')).toBe('A survey that is closed cannot become open.');
  });

  it('does not escape what the params contain (messages are not HTML)', () => {
    expect(describeError(new SurveyError('not_coordinator', { coordinators: '<@U1>, <@U2>' }), 'en')).toBe('Only coordinators can do this. Coordinators: <@U1>, <@U2>.');
  });
});

describe('t and translator', () => {
  it('translates a key in the requested language', () => {
    expect(t('nl', 'questionnaire:scale')).toBe('Schaal');
    expect(t('en', 'questionnaire:scale')).toBe('Scale');
    expect(translator('en')('questionnaire:global')).toBe('Overall judgement');
  });

  it('reports unknown keys as missing', () => {
    expect(hasKey('nl', 'questionnaire:does-not-exist')).toBe(false);
    expect(hasKey('en', 'nope:scale')).toBe(false);
  });
});

describe('resolveLang', () => {
  it('maps platform locales to a language we speak', () => {
    expect(resolveLang('nl-BE', 'en')).toBe('nl');
    expect(resolveLang('nl', 'en')).toBe('nl');
    expect(resolveLang('en_US', 'nl')).toBe('en');
    expect(resolveLang('EN-GB', 'nl')).toBe('en');
  });

  it('falls back for other or missing locales', () => {
    expect(resolveLang('fr', 'nl')).toBe('nl');
    expect(resolveLang('fr-BE', 'en')).toBe('en');
    expect(resolveLang(undefined, 'en')).toBe('en');
    expect(resolveLang(null, 'nl')).toBe('nl');
    expect(resolveLang('', 'en')).toBe('en');
  });
});
