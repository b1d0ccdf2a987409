import { SurveyError } from '../../../core/errors';
import { makeRound } from '../../../core/testing/fixtures';
import { buildSectionForm } from '../../../core/views/section-form';
import { assertValidCard } from '../../../../test/teams/parse-card';
import { sectionFormCard } from './section-form';

type Node = Record<string, unknown>;
function inputs(card: unknown): Node[] {
  const found: Node[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) found.push(node);
    for (const key of ['body', 'items', 'columns', 'actions', 'card']) if (key in node) walk(node[key]);
  };
  walk(card);
  return found;
}

const round = makeRound();

test('a dimension: progress, the statements as expanded choice sets of the scale, the open questions, the meanings next to the scale', () => {
  const view = buildSectionForm(round, 'X', 'nl');
  const card = sectionFormCard(view);
  assertValidCard(card);
  const json = JSON.stringify(card);
  // Two dimensions (X, Y) and the reflection: the label counts the dimensions.
  expect(json).toContain('Dimensie 1 van 2');
  const ids = inputs(card).map((i) => i.id);
  expect(ids).toEqual(['X-global', 'X-s1', 'X-s2', 'X-s3', 'X-strengths', 'X-priorities', 'group']);
  const statement = inputs(card).find((i) => i.id === 'X-s1')!;
  expect(statement).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
  // No client-side "required": it would stop "Later verder" from sending a half-filled form; the core says what is missing.
  expect(inputs(card).some((i) => 'isRequired' in i)).toBe(false);
  expect((statement.choices as { value: string }[]).map((c) => c.value)).toEqual(['1', '2', '3', '4', '5', '6', 'no_view']);
  expect(inputs(card).find((i) => i.id === 'X-strengths')).toMatchObject({ type: 'Input.Text', isMultiline: true, maxLength: 2000 });
  const actions = card.actions as Node[];
  expect(actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'submitSection', data: { roundId: round.id, section: 'X' } });
  // The meanings open in place, right under the stem above the statements, not below the buttons.
  const body = card.body as Node[];
  const toggle = body.findIndex((b) => b.type === 'ActionSet' && JSON.stringify(b).includes('Action.ToggleVisibility'));
  const help = body.findIndex((b) => b.id === 'scaleHelp');
  expect(help).toBe(toggle + 1);
  expect(body[help]).toMatchObject({ isVisible: false });
  expect(JSON.stringify(body[help])).toContain('meaning of point 6');
  expect(toggle).toBeLessThan(body.findIndex((b) => JSON.stringify(b).includes('X-s1')));
  expect(actions.some((a) => a.type === 'Action.ShowCard')).toBe(false);
  // "Later verder" sends what was typed, to keep as a draft.
  expect(actions[1]).toMatchObject({ verb: 'later', data: { roundId: round.id, section: 'X' } });
  expect(actions[1]).not.toHaveProperty('associatedInputs');
});

test('errors show on the card next to their field, with what was typed kept', () => {
  const view = buildSectionForm(round, 'reflection', 'en', {
    answers: { R1: 'typed text', R2: { career: '3', learning: '2.5' }, R3: { career: { mine: 'me' } } },
    errors: [new SurveyError('allocation_total', { total: 5.5, max: 5 }, 'R2')],
  });
  const card = sectionFormCard(view);
  assertValidCard(card);
  const byId = Object.fromEntries(inputs(card).map((i) => [i.id, i]));
  expect(byId['R1']!.value).toBe('typed text');
  expect(byId['R2.career']).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', value: '3' });
  expect(byId['R2.learning']!.value).toBe('2.5');
  expect(byId['R3.career.mine']).toMatchObject({ type: 'Input.Text', value: 'me', maxLength: 500 });
  expect(byId['R3.learning.others']!.value).toBe('');
  const json = JSON.stringify(card);
  expect(json).toContain('5.5');
  expect(json).toContain(view.labels.errorSummary);
  // The reflection has no scale, so no meanings to show.
  expect(JSON.stringify(card)).not.toContain('scaleHelp');
});

test('the card after a save says so', () => {
  expect(JSON.stringify(sectionFormCard(buildSectionForm(round, 'Y', 'nl'), { justSaved: true }))).toContain('Bewaard.');
  expect(JSON.stringify(sectionFormCard(buildSectionForm(round, 'Y', 'nl')))).not.toContain('Bewaard.');
});
