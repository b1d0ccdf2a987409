import { localeKeys, t } from '../../i18n';
import { loadQuestionnaire } from '../questionnaire/load';
import { visibleGroups } from '../anonymity';
import { dimensionsOfGroup } from '../group-dimensions';
import { askedGroupsLine, bandLabel, formatChange, formatDecimal, formatPercent, resolveMessage, scaleMax, scalePointLabel, statementSentence, withheldLabel } from './labels';
import { buildSummary } from './build-summary';
import { closedRound, FIXTURE_NOW, MAIN_PROGRESS, mainResponses } from './__fixtures__/summary-fixture';

describe('summary labels', () => {
  it('reads a statement as a sentence after the stem, and copes with summaries stored without one', () => {
    const summary = buildSummary({ round: closedRound(), responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });
    const text = { nl: 'is het duidelijk.', en: 'it is clear.' };
    expect(statementSentence(summary, text, 'nl')).toBe(`${summary.labels.stem!.nl} is het duidelijk.`);
    expect(statementSentence({ labels: { ...summary.labels, stem: undefined } }, text, 'en')).toBe('it is clear.');
  });

  const summary = buildSummary({ round: closedRound(), responses: mainResponses(), progress: MAIN_PROGRESS, quotes: [], now: FIXTURE_NOW });

  it('formats numbers the Dutch and the English way', () => {
    expect(formatDecimal(47 / 14, 'nl')).toBe('3,4');
    expect(formatDecimal(47 / 14, 'en')).toBe('3.4');
    expect(formatPercent(0.6, 'nl')).toBe('60%');
  });

  it('formats a change with its sign, and a rounded zero without one', () => {
    expect(formatChange(5 / 14, 'nl')).toBe('+0,4');
    expect(formatChange(-0.26, 'en')).toBe('\u22120.3');
    expect(formatChange(-0.04, 'nl')).toBe('0,0');
  });

  it('resolves the closing messages in either language', () => {
    expect(resolveMessage(summary.closing.thanks, 'nl')).toContain('Bedankt');
    expect(resolveMessage(summary.closing.thanks, 'nl')).toContain('6 antwoorden');
    expect(resolveMessage(summary.closing.nextSteps, 'en')).toContain('What happens next?');
  });

  it('names withheld figures, bands and scale points', () => {
    expect(withheldLabel('too_few', 'nl')).toBe('te weinig antwoorden');
    expect(withheldLabel('too_few', 'en')).toBe('too few answers');
    expect(bandLabel(summary, 'meeting', 'nl')).toBe('Volgens de verwachtingen');
    expect(scalePointLabel(summary, 6, 'nl')).toBe('punt 6');
    expect(scaleMax(summary)).toBe(6);
  });

  it('names the first agreeing scale point by the scale’s own label, in both languages', () => {
    const first = loadQuestionnaire().scale.points.find((p) => p.agrees)!;
    for (const lang of ['nl', 'en'] as const) expect(t(lang, 'summary:figure.agreement', { share: '60%' })).toContain(`‘${first.label[lang]}’ `);
  });

  it('says a dimension asked of some groups was also asked of whoever chose no group', () => {
    const round = { dimensionIds: ['A1', 'B'], groupDimensions: [{ group: 'teacher', dimensionIds: ['A1'] }, { group: 'support', dimensionIds: ['B'] }] };
    expect(dimensionsOfGroup(round, undefined)).toEqual(['A1', 'B']);
    const d = { askedGroups: [{ nl: 'Leraar', en: 'Teacher' }] };
    expect(askedGroupsLine(d, 'nl')).toBe('Gevraagd aan: Leraar, en aan wie geen groep koos.');
    expect(askedGroupsLine(d, 'en')).toBe('Asked of: Teacher, and of those who chose no group.');
  });

  it('explains a missing comparison in a way that stays true when a large group is withheld as derivable', () => {
    // Two groups of 5 (k = 5) and two people without a group: one group is withheld anyway.
    expect(visibleGroups({ a: 5, b: 5, none: 2 }, 5, ['none']).shown).toHaveLength(1);
    for (const lang of ['nl', 'en'] as const) {
      const text = t(lang, 'summary:groups.noComparison', { k: 5 });
      expect(text).not.toMatch(/had minstens twee groepen|had at least two groups/);
      expect(text).toMatch(/af te leiden|worked out/);
    }
    // Nor does answering a group promise a comparison "when every group is large enough": each group stands on its own.
    for (const key of ['survey:groupQuestion', 'survey:groupStep.intro']) {
      expect(t('nl', key)).not.toContain('elke groep groot genoeg');
      expect(t('en', key)).not.toContain('every group is large enough');
    }
  });

  it('has the same summary keys in both languages', () => {
    const nl = localeKeys('nl').filter((k) => k.startsWith('summary:'));
    const en = localeKeys('en').filter((k) => k.startsWith('summary:'));
    expect(nl.length).toBeGreaterThan(50);
    expect(en).toEqual(nl);
    // Every error code the moderation can throw has a message in both languages.
    for (const code of ['quote_not_found', 'summary_published', 'unknown_theme']) {
      for (const lang of ['nl', 'en'] as const) expect(t(lang, `errors:${code}`, { theme: 'x' })).not.toBe(code);
    }
  });
});
