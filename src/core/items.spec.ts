import { roundItems, scoreItemIds, sectionItems } from './items';
import { makeRound } from './testing/fixtures';

const summary = (items: ReturnType<typeof roundItems>) => items.map((i) => `${i.kind}:${i.id}:${i.required ? 'required' : 'optional'}`);

describe('roundItems', () => {
  it('asks a quick round only the required global judgement and the optional open questions', () => {
    const round = makeRound({ depth: 'quick', includeReflection: false });
    expect(summary(roundItems(round))).toEqual([
      'global:X-global:required',
      'open:X-strengths:optional',
      'open:X-priorities:optional',
      'global:Y-global:required',
      'open:Y-strengths:optional',
      'open:Y-priorities:optional',
    ]);
  });

  it('asks a detailed round the optional global judgement first, then every statement (required)', () => {
    const round = makeRound({ depth: 'detailed', includeReflection: false });
    expect(summary(roundItems(round))).toEqual([
      'global:X-global:optional',
      'statement:X-s1:required',
      'statement:X-s2:required',
      'statement:X-s3:required',
      'open:X-strengths:optional',
      'open:X-priorities:optional',
      'global:Y-global:optional',
      'statement:Y-s1:required',
      'statement:Y-s2:required',
      'open:Y-strengths:optional',
      'open:Y-priorities:optional',
    ]);
  });

  it('adds the reflection questions (all optional) only when the round includes them', () => {
    const withReflection = roundItems(makeRound({ depth: 'quick', includeReflection: true }));
    const reflection = withReflection.filter((i) => i.kind === 'reflection');
    expect(summary(reflection)).toEqual(['reflection:R1:optional', 'reflection:R2:optional', 'reflection:R3:optional']);
    expect(reflection.every((i) => i.section === 'reflection')).toBe(true);
    // 3 per dimension × 2 dimensions + 3 reflection = 9.
    expect(withReflection).toHaveLength(9);
    expect(roundItems(makeRound({ depth: 'quick', includeReflection: false })).some((i) => i.kind === 'reflection')).toBe(false);
  });

  it('asks only the chosen dimensions', () => {
    const items = roundItems(makeRound({ dimensionIds: ['Y'], includeReflection: false }));
    expect(new Set(items.map((i) => i.section))).toEqual(new Set(['Y']));
    // Y: global + 2 statements + 2 open = 5.
    expect(items).toHaveLength(5);
  });
});

describe('sectionItems', () => {
  it('returns one section’s items and nothing for an unknown section', () => {
    const round = makeRound();
    expect(sectionItems(round, 'Y').map((i) => i.id)).toEqual(['Y-global', 'Y-s1', 'Y-s2', 'Y-strengths', 'Y-priorities']);
    expect(sectionItems(round, 'reflection').map((i) => i.id)).toEqual(['R1', 'R2', 'R3']);
    expect(sectionItems(round, 'Z')).toEqual([]);
  });
});

describe('scoreItemIds', () => {
  it('scores a dimension by its statements (detailed) or its global judgement (quick)', () => {
    const x = makeRound().questionnaire.dimensions[0]!;
    expect(scoreItemIds(x, 'detailed')).toEqual(['X-s1', 'X-s2', 'X-s3']);
    expect(scoreItemIds(x, 'quick')).toEqual(['X-global']);
  });
});
