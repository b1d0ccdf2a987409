import { BAND_COLOURS, labelColourOn, luminance, pointColours } from './palette';

const SIX = [
  { value: 1, band: 'below' as const },
  { value: 2, band: 'below' as const },
  { value: 3, band: 'approaching' as const },
  { value: 4, band: 'meeting' as const },
  { value: 5, band: 'exceeding' as const },
  { value: 6, band: 'exceeding' as const },
];

describe('palette', () => {
  it('gives each band its own colour and each point its own shade', () => {
    expect(new Set(Object.values(BAND_COLOURS)).size).toBe(4);
    const colours = pointColours(SIX);
    expect(new Set(colours.values()).size).toBe(6);
    // Single-point bands and the inner point of a band keep the band colour.
    expect(colours.get(3)).toBe(BAND_COLOURS.approaching);
    expect(colours.get(4)).toBe(BAND_COLOURS.meeting);
    expect(colours.get(2)).toBe(BAND_COLOURS.below);
    expect(colours.get(5)).toBe(BAND_COLOURS.exceeding);
    // The extremes are darker than their band colour.
    expect(luminance(colours.get(1)!)).toBeLessThan(luminance(BAND_COLOURS.below));
    expect(luminance(colours.get(6)!)).toBeLessThan(luminance(BAND_COLOURS.exceeding));
  });

  it('shades a 0–6 scale too (seven points)', () => {
    const seven = [{ value: 0, band: 'below' as const }, ...SIX];
    const colours = pointColours(seven);
    expect(new Set(colours.values()).size).toBe(7);
    expect(luminance(colours.get(0)!)).toBeLessThan(luminance(colours.get(1)!));
  });

  it('picks a readable label colour', () => {
    expect(labelColourOn('#004A73')).toBe('#FFFFFF');
    expect(labelColourOn('#56B4E9')).not.toBe('#FFFFFF');
  });
});
