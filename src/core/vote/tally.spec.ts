import { ballotFrom } from './ballot';
import type { VoteOption } from './model';
import { tally } from './tally';

const text = (s: string) => ({ nl: s, en: s });
const options: VoteOption[] = [
  { id: 'X-s1', kind: 'workPoint', dimensionId: 'X', text: text('one') },
  { id: 'X-s2', kind: 'statement', dimensionId: 'X', text: text('two') },
  { id: 'dim:Y', kind: 'dimension', dimensionId: 'Y', text: text('Y') },
];

describe('tally', () => {
  it('ranks by votes, ties in option order, and leaves out options nobody chose', () => {
    const ballots = [{ choices: ['X-s2'] }, { choices: ['X-s1', 'X-s2'] }, { choices: ['X-s1'] }, { choices: ['X-s2'] }, { choices: ['X-s1'] }];
    expect(tally({ options, k: 5 }, ballots)).toEqual({
      status: 'shown',
      voters: 5,
      ranking: [
        { optionId: 'X-s1', dimensionId: 'X', text: text('one'), votes: 3 },
        { optionId: 'X-s2', dimensionId: 'X', text: text('two'), votes: 3 },
      ],
    });
  });

  it('shows nothing from fewer than k voters, and never from fewer than three whatever k says', () => {
    expect(tally({ options, k: 5 }, Array(4).fill({ choices: ['X-s1'] }))).toEqual({ status: 'withheld', reason: 'too_few', voters: 4 });
    expect(tally({ options, k: 1 }, Array(2).fill({ choices: ['X-s1'] }))).toMatchObject({ status: 'withheld' });
    expect(tally({ options, k: 1 }, Array(3).fill({ choices: ['X-s1'] }))).toMatchObject({ status: 'shown', voters: 3 });
  });

  it('counts a choice repeated inside one ballot once', () => {
    const result = tally({ options, k: 3 }, [{ choices: ['X-s1', 'X-s1'] }, { choices: ['X-s1'] }, { choices: ['X-s2'] }]);
    expect(result.status === 'shown' && result.ranking[0]!.votes).toBe(2);
  });
});

describe('ballotFrom', () => {
  const vote = { options, maxChoices: 2 };
  it('sorts and de-duplicates the choices', () => {
    expect(ballotFrom(vote, ['X-s2', 'X-s1', 'X-s2'])).toEqual({ choices: ['X-s1', 'X-s2'] });
  });
  it('refuses nothing, too many, unknown and non-string choices', () => {
    expect(() => ballotFrom(vote, [])).toThrow(expect.objectContaining({ code: 'vote_no_choice' }));
    expect(() => ballotFrom(vote, ['X-s1', 'X-s2', 'dim:Y'])).toThrow(expect.objectContaining({ code: 'vote_too_many', params: { max: 2 } }));
    expect(() => ballotFrom(vote, ['constructor'])).toThrow(expect.objectContaining({ code: 'vote_unknown_option' }));
    expect(() => ballotFrom(vote, [{ toString: () => 'X-s1' }])).toThrow(expect.objectContaining({ code: 'vote_no_choice' }));
  });
});
