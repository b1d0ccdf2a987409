import fs from 'node:fs';
import path from 'node:path';
import i18next, { type i18n, type Resource } from 'i18next';
import type { Lang } from '../core/questionnaire/schema';
import type { SurveyError } from '../core/errors';
import { LruMap } from '../core/lru-map';

/**
 * Every user-facing string lives in src/locales/<lang>/<namespace>.json; each feature owns its
 * namespace file. Keys are addressed as "namespace:path.to.key"; params use {{name}}.
 */
const LOCALES_DIR = path.join(__dirname, '..', 'locales');
export const SUPPORTED_LANGS: readonly Lang[] = ['nl', 'en'];

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lang of SUPPORTED_LANGS) {
    resources[lang] = {};
    for (const file of fs.readdirSync(path.join(LOCALES_DIR, lang))) {
      if (!file.endsWith('.json')) continue;
      resources[lang]![file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, lang, file), 'utf8'));
    }
  }
  return resources;
}

let instance: i18n | undefined;
function i18nInstance(): i18n {
  if (!instance) {
    const resources = loadResources();
    instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: 'nl',
      fallbackLng: 'nl',
      ns: Object.keys(resources.nl ?? {}),
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

export type TParams = Record<string, string | number | undefined>;

/**
 * Translations already made, by language, key and params. The resources never change while the
 * process runs, so the same question gives the same text; i18next's lookup and interpolation
 * allocate a lot, and one answer form asks for hundreds of labels. Bounded: a params value can
 * be a round's title.
 */
const made = new LruMap<string, string>(20_000);

export function t(lang: Lang, key: string, params: TParams = {}): string {
  const names = Object.keys(params);
  const cacheKey = names.length === 0 ? `${lang}\u0000${key}` : `${lang}\u0000${key}\u0000${JSON.stringify(params)}`;
  const known = made.get(cacheKey);
  if (known !== undefined) return known;
  const text = i18nInstance().t(key, { ...params, lng: lang });
  made.set(cacheKey, text);
  return text;
}

/** A translator bound to one language, handy in presenters. */
export type Translate = (key: string, params?: TParams) => string;
export function translator(lang: Lang): Translate {
  return (key, params) => t(lang, key, params);
}

export function hasKey(lang: Lang, key: string): boolean {
  return i18nInstance().exists(key, { lng: lang, fallbackLng: false });
}

/** Maps a platform locale ("nl-BE", "en_US", "fr") to one we speak, else the fallback. */
export function resolveLang(locale: string | undefined | null, fallback: Lang): Lang {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (SUPPORTED_LANGS as readonly string[]).includes(base ?? '') ? (base as Lang) : fallback;
}

const NUMBER_LOCALE: Record<Lang, string> = { nl: 'nl-BE', en: 'en-GB' };

/**
 * Renders a refusal in the user's language: numbers with the language's decimal mark ("5,5" in
 * Dutch) and a `reason` param looked up under `errors:reasons` (it is a key, never prose).
 */
export function describeError(err: SurveyError, lang: Lang): string {
  const params: TParams = {};
  for (const [k, v] of Object.entries(err.params)) {
    params[k] = typeof v === 'number' ? new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 2, useGrouping: false }).format(v) : v;
  }
  if (typeof err.params.reason === 'string') params.reason = t(lang, `errors:reasons.${err.params.reason}`, params);
  return t(lang, `errors:${err.code}`, params);
}

/** Every key of a namespace tree, flattened ("a.b.c"), for the locale-parity test. */
export function localeKeys(lang: Lang): string[] {
  const keys: string[] = [];
  const walk = (node: unknown, prefix: string): void => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix.endsWith(':') ? `${prefix}${k}` : `${prefix}.${k}`);
    } else keys.push(prefix);
  };
  for (const [ns, tree] of Object.entries(loadResources()[lang] ?? {})) walk(tree, `${ns}:`);
  return keys.sort();
}
