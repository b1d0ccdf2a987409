import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../core/questionnaire/schema';
import { t } from '../i18n';

/**
 * The page's own strings, in one language, as a nested object the browser reads. They come from
 * the `playground` namespace through `t`, so plural forms and the nl fallback behave exactly as
 * on the server; the browser only interpolates `{{param}}`.
 */
const SOURCE = path.join(__dirname, '..', 'locales', 'nl', 'playground.json');

type Tree = { [key: string]: string | Tree };
let keys: string[] | undefined;

function leafKeys(node: unknown, prefix: string, out: string[]): void {
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) leafKeys(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.push(prefix);
}

function allKeys(): string[] {
  if (!keys) {
    keys = [];
    leafKeys(JSON.parse(fs.readFileSync(SOURCE, 'utf8')), '', keys);
  }
  return keys;
}

export function pageStrings(lang: Lang): Tree {
  const tree: Tree = {};
  for (const key of allKeys()) {
    // Plural variants ("done_one") stay as they are; the page picks one by count.
    const parts = key.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Tree;
    // Without params i18next leaves "{{name}}" in place for the browser to fill in.
    node[parts[parts.length - 1]!] = t(lang, `playground:${key}`);
  }
  return tree;
}
