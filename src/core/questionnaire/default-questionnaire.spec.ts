import { readFileSync } from 'fs';
import { join } from 'path';
import { questionnaireSchema, type Questionnaire } from './schema';

const raw: unknown = JSON.parse(readFileSync(join(__dirname, 'default-questionnaire.json'), 'utf8'));

const STRENGTHS_NL = 'Wat zijn op het vlak van bovenstaande aspecten concrete sterktes, werkzame vormen van aanpak en beleid?';
const PRIORITIES_NL =
  'Wat zijn op het vlak van bovenstaande aspecten belangrijke concrete werkpunten die het best prioritair ter harte worden genomen?';

/** Dimension C as seed 004 prints it (OCR line breaks joined, "remediéren"/"differentiéren" repaired). */
const SEED_C = [
  'is het duidelijk bij wie leraren terechtkunnen met hun vragen over het concretiseren van brede basiszorg en verhoogde (leer)zorg.',
  'is het duidelijk bij wie leerlingen en ouders terechtkunnen met zorgnoden.',
  'zijn er duidelijke afspraken over de wijze waarop leraren het best invulling geven aan brede basiszorg.',
  'zijn er duidelijke afspraken over de wijze waarop leraren het best invulling geven aan verhoogde (leer)zorg (remediëren, compenseren, differentiëren, dispenseren).',
  'zijn er structuren om leerlingen met leernoden spoedig te detecteren. Leraren hebben hier een duidelijke verantwoordelijkheid bij.',
  'zijn er structuren om de specifieke aard van deze leernoden precies te detecteren en de nodige acties te formuleren.',
  'zijn er structuren om het uitvoeren van deze benodigde acties duidelijk te verwachten van leraren, het voldoen aan deze afspraken op te volgen, bij te sturen en/of nieuwe verwachtingen te stellen waar nodig.',
];

describe('default questionnaire', () => {
  let q: Questionnaire;

  it('parses with questionnaireSchema', () => {
    const result = questionnaireSchema.safeParse(raw);
    if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
    q = result.data;
    expect(q.id).toBe('zorgspiegel-bsa');
    expect(q.version).toBe('2026.1');
    expect(q.stem).toEqual({ nl: 'Op onze school…', en: 'At our school…' });
  });

  beforeAll(() => {
    q = questionnaireSchema.parse(raw);
  });

  it('has the seven dimensions in seed order', () => {
    expect(q.dimensions.map((d) => d.id)).toEqual(['A1', 'A2', 'B', 'C', 'D1', 'D2', 'E']);
  });

  it('gives dimension C exactly the seed’s seven statements', () => {
    const c = q.dimensions.find((d) => d.id === 'C')!;
    expect(c.statements).toHaveLength(7);
    expect(c.statements[0]!.text.nl).toBe(SEED_C[0]);
    expect(c.statements[6]!.text.nl).toBe(SEED_C[6]);
    expect(c.statements.map((s) => s.text.nl)).toEqual(SEED_C);
  });

  it('gives every other dimension four to seven statements', () => {
    for (const d of q.dimensions.filter((d) => d.id !== 'C')) {
      expect(d.statements.length).toBeGreaterThanOrEqual(4);
      expect(d.statements.length).toBeLessThanOrEqual(7);
    }
  });

  it('numbers statements and names the global judgement after the dimension', () => {
    for (const d of q.dimensions) {
      expect(d.globalJudgement.id).toBe(`${d.id}-global`);
      d.statements.forEach((s, i) => expect(s.id).toBe(`${d.id}-s${i + 1}`));
    }
  });

  it('writes every statement in the voice of the stem (lowercase start, full stop)', () => {
    for (const d of q.dimensions) {
      for (const s of [d.globalJudgement, ...d.statements]) {
        expect(s.text.nl).toMatch(/^[a-zà-ÿ]/);
        expect(s.text.en).toMatch(/^[a-z]/);
        expect(s.text.nl).toMatch(/\.$/);
        expect(s.text.en).toMatch(/\.$/);
      }
    }
  });

  it('closes every dimension with the two open questions from the seed and the practice example', () => {
    for (const d of q.dimensions) {
      expect(d.openQuestions).toEqual([
        { id: `${d.id}-strengths`, kind: 'strengths', text: { nl: STRENGTHS_NL, en: expect.any(String) } },
        { id: `${d.id}-priorities`, kind: 'priorities', text: { nl: PRIORITIES_NL, en: expect.any(String) } },
        { id: `${d.id}-practice`, kind: 'practice', text: { nl: 'Welk voorbeeld uit je eigen praktijk kan anderen inspireren?', en: expect.any(String) } },
      ]);
    }
  });

  it('has the seven reflection questions numbered 1–7 with the right answer types', () => {
    const r = q.reflection.questions;
    expect(r.map((x) => x.id)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7']);
    expect(r.map((x) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.map((x) => x.type)).toEqual(['text', 'text', 'allocation', 'roleGrid', 'text', 'text', 'text']);
    const r3 = r[2]!;
    if (r3.type !== 'allocation') throw new Error('R3 must be an allocation');
    expect(r3.max).toBe(5);
    expect(r3.step).toBe(0.5);
    expect(r[0]!.text.nl).toBe(
      'Wat loopt er al goed in de leerlingenbegeleiding? Denk aan een moment waarop je voelde ‘ik maak een verschil’. Wat lukt jou dan goed?',
    );
    expect(r[6]!.text.nl).toBe('Hoe zou die ondersteuning of professionalisering er best uitzien? Wat gebeurt er dan best?');
  });

  it('has the six-point scale with the seed’s labels and ROK bands', () => {
    const points = q.scale.points;
    expect(q.scale.id).toBe('likert6');
    expect(points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(points.map((p) => p.label.nl)).toEqual([
      'Volledig oneens',
      'Oneens',
      'Eerder oneens',
      'Eerder eens',
      'Eens',
      'Volledig eens',
    ]);
    expect(points.map((p) => p.band)).toEqual(['below', 'below', 'approaching', 'meeting', 'exceeding', 'exceeding']);
    expect(points.map((p) => p.agrees)).toEqual([false, false, false, true, true, true]);
    expect(q.scale.bandLabels.below.nl).toBe('Beneden de verwachtingen');
    expect(q.scale.bandLabels.exceeding.nl).toBe('Overstijgt de verwachtingen');
  });

  it('lists the four guidance domains, three roles and four groups', () => {
    expect(q.guidanceDomains.map((d) => d.id)).toEqual([
      'onderwijsloopbaan',
      'leren-en-studeren',
      'psychisch-en-sociaal-functioneren',
      'preventieve-gezondheidszorg',
    ]);
    expect(q.roles.map((r) => r.id)).toEqual(['mine', 'teachers', 'others']);
    expect(q.groups.map((g) => g.id)).toEqual(['teacher', 'leadership', 'care-team', 'support-staff']);
  });

  it('uses every id only once', () => {
    const ids = [
      ...q.dimensions.flatMap((d) => [
        d.id,
        d.globalJudgement.id,
        ...d.statements.map((s) => s.id),
        ...d.openQuestions.map((o) => o.id),
      ]),
      ...q.reflection.questions.map((r) => r.id),
      ...q.guidanceDomains.map((d) => d.id),
      ...q.roles.map((r) => r.id),
      ...q.groups.map((g) => g.id),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves no OCR artefacts in the Dutch text', () => {
    const text = JSON.stringify(raw);
    expect(text).not.toMatch(/é(ren|ring)/); // remediéren, differentiéren
    expect(text).not.toMatch(/geintegreerd/);
    expect(text).not.toMatch(/ {2,}|\u00ad/);
  });
});
