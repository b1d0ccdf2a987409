import { checkSection } from '../../core/answers';
import { makeRound } from '../../core/testing/fixtures';
import { buildSectionForm, progressView } from '../../core/views/section-form';
import type { FormField, SectionFormView } from '../../core/views/types';
import { translator } from '../../i18n';
import { sectionFields } from '../forms/section-fields';
import { findBlockKitViolations } from '../limits';
import { parseMetadata } from '../schema';
import { sectionModalPages, slackErrors } from './section-form';

const t = translator('nl');
const round = makeRound();
type Block = { type: string; block_id?: string; label?: { text: string }; element?: { type: string; options?: { text: { text: string }; value: string }[]; initial_option?: { value: string }; initial_value?: string } };
const blocksOf = (view: SectionFormView) => sectionModalPages(view, t)[0]!.view.blocks as unknown as Block[];

describe('a section as a modal', () => {
  it('names each input block after the core’s flat field id', () => {
    const x = buildSectionForm(round, 'X', 'nl');
    const inputs = blocksOf(x).filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputs).toEqual(['X-global', 'X-s1', 'X-s2', 'X-s3', 'X-strengths', 'X-priorities', 'group']);
    const reflection = buildSectionForm(round, 'reflection', 'nl');
    expect(blocksOf(reflection).filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual([
      'R1',
      'R2.career',
      'R2.learning',
      'R3.career.mine',
      'R3.career.others',
      'R3.learning.mine',
      'R3.learning.others',
    ]);
  });

  it('puts the statement in the label and only the scale’s short labels in the radio buttons', () => {
    const block = blocksOf(buildSectionForm(round, 'X', 'nl')).find((b) => b.block_id === 'X-s2')!;
    expect(block.label!.text).toBe('statement 2 of X. (nl)');
    expect(block.element!.type).toBe('radio_buttons');
    expect(block.element!.options!.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5', '6', 'no_view']);
  });

  it('shows the progress as the modal title and fills in what was saved', () => {
    const view = buildSectionForm(round, 'Y', 'nl', { answers: { 'Y-s1': 4, 'Y-strengths': 'Goed overleg' }, saved: true });
    const page = sectionModalPages(view, t)[0]!;
    expect(page.view.title.text).toBe(progressView(round, 'Y', 'nl').label);
    expect(parseMetadata(page.view.private_metadata)).toEqual({ k: 'section', r: 'round-1', s: 'Y', p: 0, n: 1 });
    const blocks = page.view.blocks as unknown as Block[];
    expect(blocks.find((b) => b.block_id === 'Y-s1')!.element!.initial_option!.value).toBe('4');
    expect(blocks.find((b) => b.block_id === 'Y-strengths')!.element!.initial_value).toBe('Goed overleg');
  });

  it('moves a progress label too long for the title into the first block', () => {
    const reflection = sectionModalPages(buildSectionForm(round, 'reflection', 'nl'), t)[0]!;
    const label = progressView(round, 'reflection', 'nl').label;
    expect(reflection.view.title.text).toBe(label.length <= 24 ? label : 'Zorgspiegel');
    const view = { ...buildSectionForm(round, 'X', 'nl'), progress: { index: 1, total: 3, label: 'Onderdeel 1 van 3 van deze lange bevraging' } };
    const page = sectionModalPages(view, t)[0]!;
    expect(page.view.title.text).toBe('Zorgspiegel');
    expect(JSON.stringify(page.view.blocks[0])).toContain('Onderdeel 1 van 3');
  });

  it('uses a select for a scale with more than ten points (radio buttons hold ten)', () => {
    const view = buildSectionForm(round, 'X', 'nl');
    const wide = { ...view, scale: { ...view.scale, points: Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i), meaning: '', band: '' })) } };
    expect((blocksOf(wide).find((b) => b.block_id === 'X-s1')!.element!.type)).toBe('static_select');
    expect(findBlockKitViolations(sectionModalPages(wide, t)[0]!.view)).toEqual([]);
  });

  it('maps the core’s errors onto blocks: the allocation total under the last domain', () => {
    const check = checkSection(round, 'reflection', { R2: { career: 3, learning: 2.5 } });
    if (check.ok) throw new Error('expected errors');
    const form = buildSectionForm(round, 'reflection', 'en', { answers: { R2: { career: 3, learning: 2.5 } }, errors: check.errors });
    const page = sectionModalPages(form, translator('en'))[0]!;
    expect(slackErrors(form, page)).toEqual({ onPage: { 'R2.learning': expect.stringContaining('5.5') }, elsewhere: [] });
    // The typed values stay selected.
    const blocks = page.view.blocks as unknown as Block[];
    expect(blocks.find((b) => b.block_id === 'R2.career')!.element!.initial_option!.value).toBe('3');
  });

  it('reads a submission back as flat fields, an emptied input as ""', () => {
    const state = {
      'X-s1': { value: { type: 'radio_buttons', selected_option: { value: '5' } } },
      'X-strengths': { value: { type: 'plain_text_input', value: null } },
      group: { value: { type: 'static_select', selected_option: null } },
    };
    expect(sectionFields(state, ['X-s1', 'X-s2', 'X-strengths', 'group'])).toEqual({ 'X-s1': '5', 'X-s2': '', 'X-strengths': '', group: '' });
  });

  it('continues a section that does not fit one modal on a next page, each within the limits', () => {
    const view = buildSectionForm(round, 'X', 'nl');
    const statement = view.fields.find((f) => f.id === 'X-s1')! as Extract<FormField, { type: 'scale' }>;
    const many: FormField[] = Array.from({ length: 140 }, (_, i) => ({ ...statement, id: `X-s${i + 1}`, label: `stelling ${i + 1}` }));
    const pages = sectionModalPages({ ...view, fields: many }, t);
    expect(pages).toHaveLength(2);
    expect(pages.flatMap((p) => p.inputBlockIds)).toHaveLength(140);
    expect(pages[0]!.view.submit!.text).toBe('Volgende');
    expect(pages[1]!.view.submit!.text).toBe('Bewaren en verder');
    for (const p of pages) expect(findBlockKitViolations(p.view)).toEqual([]);
  });

  it('stays within the limits for every section of the shipped questionnaire, in both languages', async () => {
    const { loadQuestionnaire } = await import('../../core/questionnaire/load');
    const q = loadQuestionnaire(undefined);
    const full = makeRound({ questionnaire: q, dimensionIds: q.dimensions.map((d) => d.id) });
    for (const section of [...full.dimensionIds, 'reflection']) {
      for (const lang of ['nl', 'en'] as const) {
        for (const page of sectionModalPages(buildSectionForm(full, section, lang), translator(lang))) expect(findBlockKitViolations(page.view)).toEqual([]);
      }
    }
  });
});
