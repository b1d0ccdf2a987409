import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RETENTION_MONTHS } from '../../src/core/services/coordinator-service';
import { DEFAULT_RETENTION_MONTHS } from '../../src/core/tenant';
import { t } from '../../src/i18n';

/**
 * The README's retention paragraph says what the code does: the range and default the core
 * applies, and where a coordinator changes it (the settings on every platform); the settings'
 * help texts promise the same.
 */
const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
const paragraph = readme.split('\n- ').find((p) => p.startsWith('**After the retention period**'))?.replace(/\s+/g, ' ') ?? '';

test('the README names the range, the default and where the setting lives', () => {
  expect(paragraph).toContain(`\`retentionMonths\`: ${RETENTION_MONTHS.min} to ${RETENTION_MONTHS.max}, default ${DEFAULT_RETENTION_MONTHS} months after publication or cancellation`);
  expect(paragraph).toContain('`/zorgspiegel instellingen` in Slack, `instellingen` in Teams and the playground');
  expect(paragraph).toContain('zorgspiegel purge --round ID');
  expect(readme).toMatch(/\*\*What stays\*\* is the round itself .* the summary/s);
});

test('the settings help texts say the same in both languages', () => {
  for (const lang of ['nl', 'en'] as const) {
    const slack = t(lang, 'slack:settings.retentionHint');
    expect(slack).toContain(`${RETENTION_MONTHS.min}`);
    expect(slack).toContain(`${RETENTION_MONTHS.max}`);
    expect(slack).toContain(`${DEFAULT_RETENTION_MONTHS}`);
    expect(t(lang, 'cards:settings.retention')).toContain(`${RETENTION_MONTHS.min} `);
    expect(t(lang, 'cards:settings.retentionHint')).toContain(`${DEFAULT_RETENTION_MONTHS}`);
  }
});
