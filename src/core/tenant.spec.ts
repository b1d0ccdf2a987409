import { SurveyError } from './errors';
import {
  assertCoordinator,
  DEFAULT_ANONYMITY_THRESHOLD,
  defaultTenantSettings,
  isCoordinator,
  MIN_ANONYMITY_THRESHOLD,
  tenantId,
  validateThreshold,
} from './tenant';

describe('tenantId', () => {
  it('joins platform and external id', () => {
    expect(tenantId('slack', 'T0123')).toBe('slack:T0123');
    expect(tenantId('teams', '72f988bf-0000-0000-0000-000000000000')).toBe('teams:72f988bf-0000-0000-0000-000000000000');
    expect(tenantId('playground', 'demo')).toBe('playground:demo');
  });
});

describe('defaultTenantSettings', () => {
  it('speaks Dutch, uses k = 5, Brussels time and office hours on weekdays', () => {
    expect(defaultTenantSettings()).toEqual({
      coordinators: [],
      language: 'nl',
      anonymityThreshold: 5,
      timeZone: 'Europe/Brussels',
      quietHours: { start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] },
    });
    expect(DEFAULT_ANONYMITY_THRESHOLD).toBe(5);
  });

  it('applies overrides', () => {
    expect(defaultTenantSettings({ language: 'en', coordinators: ['U1'] })).toMatchObject({ language: 'en', coordinators: ['U1'], anonymityThreshold: 5 });
  });

  it('gives every tenant its own objects, so changing one never changes another', () => {
    const a = defaultTenantSettings();
    a.coordinators.push('U1');
    a.quietHours.days.push(6);
    a.quietHours.end = '20:00';
    const b = defaultTenantSettings();
    expect(b.coordinators).toEqual([]);
    expect(b.quietHours).toEqual({ start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] });
  });
});

describe('validateThreshold', () => {
  it('accepts whole numbers from 3 up', () => {
    expect(MIN_ANONYMITY_THRESHOLD).toBe(3);
    expect(validateThreshold(3)).toBe(3);
    expect(validateThreshold(5)).toBe(5);
    expect(validateThreshold(12)).toBe(12);
  });

  it.each([2, 0, -5, 3.5, Number.NaN])('refuses %s with the minimum', (k) => {
    expect(() => validateThreshold(k)).toThrow(SurveyError);
    expect(() => validateThreshold(k)).toThrow(expect.objectContaining({ code: 'threshold_too_low', params: { min: 3 }, field: 'anonymityThreshold' }));
  });
});

describe('coordinators', () => {
  const settings = defaultTenantSettings({ coordinators: ['U1', 'U2'] });

  it('recognises a coordinator', () => {
    expect(isCoordinator(settings, 'U1')).toBe(true);
    expect(isCoordinator(settings, 'U3')).toBe(false);
  });

  it('refuses others, naming the coordinators', () => {
    expect(() => assertCoordinator(settings, 'U1', (id) => `<@${id}>`)).not.toThrow();
    expect(() => assertCoordinator(settings, 'U3', (id) => `<@${id}>`)).toThrow(
      expect.objectContaining({ code: 'not_coordinator', params: { coordinators: '<@U1>, <@U2>' } }),
    );
    // Nobody is coordinator yet: say how to become one instead of naming nobody.
    expect(() => assertCoordinator(defaultTenantSettings(), 'U3', (id) => id)).toThrow(expect.objectContaining({ code: 'no_coordinator_yet' }));
  });
});
