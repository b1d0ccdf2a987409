import { checkSection, formShape, formToAnswers } from '../core/answers';
import { loadQuestionnaire } from '../core/questionnaire/load';
import { roundSections, type Round } from '../core/round';
import { buildSectionForm } from '../core/views/section-form';
import type { CardInput } from './card-walk';
import { SCHOOL, type Persona } from './school';
import { plausibleValues } from './simulate';

const questionnaire = loadQuestionnaire();
const round = { id: 'r1', questionnaire, dimensionIds: questionnaire.dimensions.map((d) => d.id), depth: 'detailed', includeReflection: true } as Pick<
  Round,
  'id' | 'questionnaire' | 'dimensionIds' | 'depth' | 'includeReflection'
>;

/** The inputs a section's card offers, as the Teams card would lay them out. */
function inputsOf(section: string): CardInput[] {
  const view = buildSectionForm(round, section, 'nl');
  const scale = view.scale.points.map((p) => String(p.value));
  return view.fields.flatMap((f): CardInput[] => {
    switch (f.type) {
      case 'scale':
        return [{ id: f.id, type: 'Input.ChoiceSet', choices: scale }];
      case 'text':
        return [{ id: f.id, type: 'Input.Text', choices: [] }];
      case 'allocation':
        return f.domains.map((d) => ({ id: `${f.id}.${d.id}`, type: 'Input.ChoiceSet', choices: f.options.map((o) => String(o.value)) }));
      case 'roleGrid':
        return f.domains.flatMap((d) => d.cells.map((c) => ({ id: `${f.id}.${d.id}.${c.roleId}`, type: 'Input.Text', choices: [] })));
      case 'group':
        return [{ id: 'group', type: 'Input.ChoiceSet', choices: f.options.map((o) => o.id) }];
    }
  });
}

const byKey = (key: string): Persona => SCHOOL.personas.find((p) => p.key === key)!;

describe('plausibleValues', () => {
  it.each(SCHOOL.personas.map((p) => [p.key]))('gives %s answers the core accepts in every section', (key) => {
    for (const section of roundSections(round)) {
      const values = plausibleValues(inputsOf(section), byKey(key), questionnaire, 'nl');
      const { fields, unknown } = formToAnswers(values, formShape(round, section, ['group']));
      const { group, ...raw } = fields;
      expect(unknown).toEqual([]);
      const check = checkSection(round, section, raw);
      expect(check.ok ? 'ok' : check.errors.map((e) => `${e.field}: ${e.code}`)).toBe('ok');
      if (section === roundSections(round)[0]) expect(group).toBe(byKey(key).group);
    }
  });

  it('answers every statement and keeps the allocation within the week', () => {
    const values = plausibleValues(inputsOf('reflection'), byKey('nele'), questionnaire, 'en');
    const days = Object.entries(values)
      .filter(([id]) => id.startsWith('R3.'))
      .reduce((sum, [, v]) => sum + Number(v), 0);
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(5);
    const c = plausibleValues(inputsOf('C'), byKey('nele'), questionnaire, 'en');
    for (const s of questionnaire.dimensions.find((d) => d.id === 'C')!.statements) expect(c[s.id]).toMatch(/^[1-6]$/);
  });

  it('makes groups differ: the leadership team rates vision higher than teachers do', () => {
    const mean = (group: Persona['group']) => {
      const people = SCHOOL.personas.filter((p) => p.group === group);
      const scores = people.flatMap((p) =>
        Object.entries(plausibleValues(inputsOf('A2'), p, questionnaire, 'nl'))
          .filter(([id]) => /^A2-s\d$/.test(id))
          .map(([, v]) => Number(v)),
      );
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    };
    expect(mean('leadership') - mean('teacher')).toBeGreaterThan(1);
  });

  it('is deterministic, so a demo looks the same every time', () => {
    const p = byKey('lotte');
    expect(plausibleValues(inputsOf('B'), p, questionnaire, 'nl')).toEqual(plausibleValues(inputsOf('B'), p, questionnaire, 'nl'));
  });

  it('writes open answers in the language asked', () => {
    const nl = Object.values(plausibleValues(inputsOf('reflection'), byKey('bram'), questionnaire, 'nl')).filter((v) => v.length > 20);
    const en = Object.values(plausibleValues(inputsOf('reflection'), byKey('bram'), questionnaire, 'en')).filter((v) => v.length > 20);
    expect(nl.length).toBeGreaterThan(0);
    expect(nl).not.toEqual(en);
  });
});
