import { buildSummary, extractQuotes, type RoundSummary } from '../../core/summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from '../../core/summary/__fixtures__/summary-fixture';
import { BLOCK_KIT, findBlockKitViolations } from '../limits';
import { distributionBar, meanBar, summaryPost } from './summary';

function summaryOf(opts: { approveAll?: boolean; k?: number; extraQuotes?: number } = {}): RoundSummary {
  const round = closedRound(opts.k ? { anonymityThreshold: opts.k } : {});
  const responses = mainResponses();
  let rank = 0;
  let quotes = extractQuotes(round, responses, FIXTURE_NOW, () => ++rank);
  if (opts.approveAll) quotes = quotes.map((q) => ({ ...q, status: 'approved' as const }));
  if (opts.extraQuotes) {
    const template = quotes.find((q) => q.itemId === 'X-strengths')!;
    for (let i = 0; i < opts.extraQuotes; i++) quotes.push({ ...template, id: `extra-${i}`, text: `Citaat ${i}: ${'lange tekst '.repeat(150)}`, order: 100 + i });
  }
  return buildSummary({ round, responses, progress: MAIN_PROGRESS, quotes, now: FIXTURE_NOW });
}

const text = (blocks: unknown) => JSON.stringify(blocks);

describe('the summary in Slack', () => {
  it('shows the response rate and each dimension’s score, ROK band and spread', () => {
    const post = summaryPost(summaryOf());
    const main = text(post.main.blocks);
    expect(main).toContain('Resultaten: Voorjaar 2026');
    expect(main).toContain('6 van de 10 uitgenodigde collega');
    expect(main).toContain('60%');
    // X: 14 answers from 7 people summing to 47 → 3,4; Y: 12 answers from 6 people summing to 45 → 3,8.
    expect(main).toContain('gemiddeld 3,4 op 6');
    expect(main).toContain('gemiddeld 3,8 op 6');
    expect(main).toMatch(/Benadert de verwachtingen|Volgens de verwachtingen/);
    expect(main).toContain('spreiding');
    expect(post.main.text).toContain('60%');
  });

  it('compares groups where the anonymity rules allow it, and names the largest gap', () => {
    const post = summaryPost(summaryOf());
    expect(text(post.main.blocks)).toContain('Dimensie Y: Beleidsteam gem. 5,2, Leraar gem. 2,3 (verschil 2,8)');
    const details = text(post.details);
    expect(details).toContain('Vergelijking tussen groepen');
    expect(details).toContain('*Beleidsteam*');
  });

  it('says why a figure is withheld', () => {
    const main = text(summaryPost(summaryOf({ k: 7 })).main.blocks);
    expect(main).toContain('te weinig antwoorden');
    expect(main).not.toContain('gemiddeld 3,8 op 6');
  });

  it('lists strengths and priorities, and thanks everyone', () => {
    const main = text(summaryPost(summaryOf()).main.blocks);
    expect(main).toContain('Sterktes');
    expect(main).toContain('Werkpunten');
    expect(main).toContain('Bedankt aan iedereen');
  });

  it('shows approved quotes only, in the thread, as quotes', () => {
    expect(text(summaryPost(summaryOf()).details)).not.toContain('Heldere afspraken over de basiszorg.');
    const details = text(summaryPost(summaryOf({ approveAll: true })).details);
    expect(details).toContain('> Heldere afspraken over de basiszorg.');
  });

  it('ends with an invitation to discuss', () => {
    expect(summaryPost(summaryOf()).discussion.text).toContain('Reageer hier in de draad');
  });

  it('splits a long summary over several thread messages, each within the limits', () => {
    const post = summaryPost(summaryOf({ approveAll: true, extraQuotes: 80 }));
    expect(post.details.length).toBeGreaterThan(1);
    for (const message of [post.main, ...post.details, post.discussion]) {
      expect(message.blocks.length).toBeLessThanOrEqual(BLOCK_KIT.messageBlocks);
      expect(findBlockKitViolations(message)).toEqual([]);
    }
  });

  it('draws the mean and the distribution as text bars', () => {
    expect(meanBar(6, 1, 6)).toBe('██████████');
    expect(meanBar(1, 1, 6)).toBe('░░░░░░░░░░');
    expect(meanBar(3.5, 1, 6)).toBe('█████░░░░░');
    expect(distributionBar([0, 0.1, 0.2, 0.4, 0.2, 0.1])).toBe('·▂▄█▄▂');
  });
});
