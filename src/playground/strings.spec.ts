import { SCHOOLS } from './school';
import { pageStrings } from './strings';

function leaves(node: unknown, prefix = ''): Record<string, string> {
  if (typeof node === 'string') return { [prefix]: node };
  return Object.entries(node as Record<string, unknown>).reduce((acc, [k, v]) => ({ ...acc, ...leaves(v, prefix ? `${prefix}.${k}` : k) }), {});
}

describe('page strings', () => {
  const nl = leaves(pageStrings('nl'));
  const en = leaves(pageStrings('en'));

  it('has the same keys in Dutch and English, none left untranslated', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) expect(nl[key]).not.toBe(`playground:${key}`);
    expect(Object.keys(nl).filter((k) => nl[k] === en[k] && !/^(commands\.(status|help)|page\.language(Nl|En)|school\.heading)$/.test(k))).toEqual([]);
  });

  it('leaves {{params}} for the page to fill in, the same ones in both languages', () => {
    expect(nl['school.you']).toBe('Je bent nu {{name}}');
    const params = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
    for (const key of Object.keys(nl)) expect([key, params(en[key]!)]).toEqual([key, params(nl[key]!)]);
  });

  it('has a job title for every persona of every school, and no other', () => {
    const people = SCHOOLS.flatMap((school) => school.personas.map((p) => `personas.${p.key}`));
    expect(people).toHaveLength(20);
    expect(Object.keys(nl).filter((k) => k.startsWith('personas.')).sort()).toEqual([...people].sort());
  });
});
