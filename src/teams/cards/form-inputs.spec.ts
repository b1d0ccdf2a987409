import { RENDERED_INPUTS_KEY, stampRenderedInputs, withRenderedInputs } from './form-inputs';

test('each submit names the inputs it submits: its card and the cards around it, not a sibling ShowCard', () => {
  const card = stampRenderedInputs({
    type: 'AdaptiveCard',
    body: [{ type: 'Input.Text', id: 'title' }, { type: 'Container', items: [{ type: 'Input.ChoiceSet', id: 'groups', choices: [] }, { type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'inner' }] }] }],
    actions: [
      { type: 'Action.Execute', verb: 'save', data: { roundId: 'r' } },
      { type: 'Action.Execute', verb: 'back', associatedInputs: 'none', data: {} },
      { type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'note' }], actions: [{ type: 'Action.Execute', verb: 'note' }] } },
      { type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'other' }], actions: [{ type: 'Action.Execute', verb: 'other' }] } },
    ],
  });
  const data = JSON.parse(JSON.stringify(card)) as { body: { items?: { actions?: { data: unknown }[] }[] }[]; actions: { data?: unknown; card?: { actions: { data: unknown }[] } }[] };
  expect(data.actions[0]!.data).toEqual({ roundId: 'r', [RENDERED_INPUTS_KEY]: 'title,groups' });
  expect(data.body[1]!.items![1]!.actions![0]!.data).toEqual({ [RENDERED_INPUTS_KEY]: 'title,groups' });
  expect(data.actions[1]!.data).toEqual({});
  expect(data.actions[2]!.card!.actions[0]!.data).toEqual({ [RENDERED_INPUTS_KEY]: 'title,groups,note' });
  expect(data.actions[3]!.card!.actions[0]!.data).toEqual({ [RENDERED_INPUTS_KEY]: 'title,groups,other' });
});

test('a card without inputs keeps its buttons as they are', () => {
  const card = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x' }], actions: [{ type: 'Action.Execute', verb: 'status', data: { roundId: 'r' } }] };
  expect(stampRenderedInputs(structuredClone(card))).toEqual(card);
});

test('an input the card rendered but the client left out reads as empty; what was sent is kept', () => {
  expect(withRenderedInputs({ roundId: 'r', title: 'T', [RENDERED_INPUTS_KEY]: 'title,groupDimensions.teacher,coordinators' })).toEqual({ roundId: 'r', title: 'T', 'groupDimensions.teacher': '', coordinators: '' });
  expect(withRenderedInputs({ title: 'T' })).toEqual({ title: 'T' });
});

test('the list comes from the client: it only adds absent keys of a plain id shape, never object machinery', () => {
  const data = withRenderedInputs({ roundId: 'r', [RENDERED_INPUTS_KEY]: 'roundId,__proto__,constructor,toString,a b,x'.concat(',', 'y'.repeat(101)) });
  expect(data).toEqual({ roundId: 'r', x: '' });
  expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
  expect(withRenderedInputs({ [RENDERED_INPUTS_KEY]: 42 })).toEqual({});
});
