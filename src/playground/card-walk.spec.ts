import { activityCard, cardActions, cardInputs, executeData } from './card-walk';

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Title' },
    {
      type: 'Container',
      items: [
        { type: 'Input.ChoiceSet', id: 'A1-global', style: 'expanded', choices: [{ title: 'one', value: '1' }, { title: 'two', value: 2 }], value: '2' },
        { type: 'ColumnSet', columns: [{ type: 'Column', items: [{ type: 'Input.Text', id: 'R4.onderwijsloopbaan.mine' }] }] },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Inline', verb: 'openSection', data: { section: 'B' } }] },
      ],
    },
  ],
  actions: [
    { type: 'Action.Execute', title: 'Save', verb: 'submitSection', data: { roundId: 'r1', section: 'A1' } },
    { type: 'Action.ShowCard', title: 'Help', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'hidden' }], actions: [{ type: 'Action.OpenUrl', url: 'https://x' }] } },
  ],
};

describe('card-walk', () => {
  it('finds every input, also inside columns and show-cards, with choice values as strings', () => {
    expect(cardInputs(card)).toEqual([
      { id: 'A1-global', type: 'Input.ChoiceSet', choices: ['1', '2'], value: '2' },
      { id: 'R4.onderwijsloopbaan.mine', type: 'Input.Text', choices: [], value: undefined },
      { id: 'hidden', type: 'Input.Text', choices: [], value: undefined },
    ]);
  });

  it('finds every action, in action sets, at the card root and in show-cards', () => {
    expect(cardActions(card).map((a) => `${a.type}:${a.verb ?? a.title ?? ''}`)).toEqual([
      'Action.Execute:openSection',
      'Action.Execute:submitSection',
      'Action.ShowCard:Help',
      'Action.OpenUrl:',
    ]);
  });

  it('merges input values over the action data, as an Adaptive Cards client does', () => {
    const save = cardActions(card).find((a) => a.verb === 'submitSection')!;
    expect(executeData(save, { 'A1-global': '4', section: 'spoofed' })).toEqual({ roundId: 'r1', section: 'spoofed', 'A1-global': '4' });
    expect(executeData({ type: 'Action.Execute', data: 'text' }, { a: '1' })).toEqual({ a: '1' });
  });

  it('reads the Adaptive Card attachment of an activity', () => {
    expect(activityCard({ attachments: [{ contentType: 'image/png' }, { contentType: 'application/vnd.microsoft.card.adaptive', content: card }] })).toBe(card);
    expect(activityCard({ text: 'hi' })).toBeUndefined();
  });
});
