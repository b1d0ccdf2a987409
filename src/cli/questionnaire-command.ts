import { parseArgs } from 'node:util';
import { formatProblems, loadQuestionnaire, readQuestionnaireFile, summarizeQuestionnaire } from '../core/questionnaire/load';
import type { Lang, Questionnaire } from '../core/questionnaire/schema';
import { t } from '../i18n';

export function renderQuestionnaireText(q: Questionnaire, lang: Lang): string {
  const lines: string[] = [`${q.title[lang]} (${q.id} ${q.version})`, ''];
  lines.push(t(lang, 'questionnaire:scale'));
  for (const p of q.scale.points) lines.push(`  ${p.value}  ${p.label[lang]} — ${q.scale.bandLabels[p.band][lang]}`);
  for (const d of q.dimensions) {
    lines.push('', `${d.id}. ${d.title[lang]}`, `  ${t(lang, 'questionnaire:global')}: ${d.globalJudgement.text[lang]}`, `  ${q.stem[lang]}`);
    d.statements.forEach((s, i) => lines.push(`    ${i + 1}. ${s.text[lang]}`));
    for (const o of d.openQuestions) lines.push(`  ? ${o.text[lang]}`);
  }
  lines.push('', q.reflection.title[lang]);
  for (const r of q.reflection.questions) lines.push(`  ${r.number}. [${r.type}] ${r.text[lang]}`);
  return lines.join('\n') + '\n';
}

export function runQuestionnaireCommand(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === 'show') {
    const { values } = parseArgs({ args: rest, options: { lang: { type: 'string', default: 'nl' }, json: { type: 'boolean', default: false }, file: { type: 'string' } } });
    if (values.lang !== 'nl' && values.lang !== 'en') {
      process.stderr.write(`--lang must be nl or en, not "${values.lang}"\n`);
      return 2;
    }
    const file = values.file ?? process.env.QUESTIONNAIRE_PATH;
    const q = loadQuestionnaire(file || undefined);
    process.stdout.write(values.json ? JSON.stringify(localize(q, values.lang), null, 2) + '\n' : renderQuestionnaireText(q, values.lang));
    return 0;
  }
  if (sub === 'validate') {
    const file = rest[0];
    if (!file) {
      process.stderr.write('Usage: zorgspiegel questionnaire validate FILE\n');
      return 2;
    }
    const result = readQuestionnaireFile(file);
    if (!result.ok) {
      process.stderr.write(formatProblems(file, result.problems) + '\n');
      return 1;
    }
    process.stdout.write(`${file}: valid — ${summarizeQuestionnaire(result.questionnaire)}\n`);
    return 0;
  }
  process.stderr.write('Usage: zorgspiegel questionnaire show [--lang nl|en] [--json] | validate FILE\n');
  return 2;
}

/**
 * `--json --lang en` prints the validated questionnaire with every {nl, en} text resolved to the
 * chosen language, so the output reads as "the English version".
 */
export function localize(value: unknown, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 2 && keys.includes('nl') && keys.includes('en')) return obj[lang];
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, localize(v, lang)]));
  }
  return value;
}
