/**
 * Text widths for laying out the chart without a browser or canvas. These are DejaVu Sans's advance widths
 * (the font the PNG is drawn with, see fonts.ts) in thousandths of an em, for ASCII and Latin-1;
 * any other character counts as 0.62 em. Bold is about 11% wider. Kerning is ignored (a few
 * pixels at most on a title).
 */
// U+0020..U+007E
const ASCII = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684,
  686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550,
  635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
// U+00A0..U+00FF
const LATIN1 = [
  318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 361, 1000, 500, 500, 838, 401, 401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684,
  684, 684, 684, 684, 974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613,
  613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635, 592,
];
const OTHER: Record<number, number> = { 0x2018: 318, 0x2019: 318, 0x201c: 518, 0x201d: 518, 0x2013: 500, 0x2014: 1000, 0x2026: 1000, 0x2212: 838, 0x20ac: 636 };
const DEFAULT_WIDTH = 620;
const BOLD_FACTOR = 1.11;

function charWidth(code: number): number {
  if (code >= 0x20 && code <= 0x7e) return ASCII[code - 0x20]!;
  if (code >= 0xa0 && code <= 0xff) return LATIN1[code - 0xa0]!;
  return OTHER[code] ?? DEFAULT_WIDTH;
}

/** Width in pixels of `text` at `fontSize` px in DejaVu Sans. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!);
  return (units / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}
