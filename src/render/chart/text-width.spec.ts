import { textWidth } from './text-width';

describe('textWidth', () => {
  it("adds DejaVu Sans's advance widths", () => {
    // M 863 + i 278 + j 278 + n 634 = 2053 thousandths of an em → 20.53 px at 10 px.
    expect(textWidth('Mijn', 10)).toBeCloseTo(20.53, 10);
    // ë (U+00EB) is as wide as e (615).
    expect(textWidth('ë', 100)).toBeCloseTo(textWidth('e', 100), 10);
    // Bold is about 11% wider; unknown characters count 0.62 em.
    expect(textWidth('Mijn', 10, true)).toBeCloseTo(20.53 * 1.11, 10);
    expect(textWidth('✓', 10)).toBeCloseTo(6.2, 10);
  });

});
