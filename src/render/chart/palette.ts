import type { RokBand } from '../../core/questionnaire/schema';

/**
 * Band colours from the Okabe–Ito palette, which stays distinguishable with the common kinds of
 * colour blindness: vermillion and orange for the two bands below expectations, sky blue and
 * blue for the two at or above. Within a band, points further from the middle of the scale are
 * drawn darker, so "volledig oneens" and "volledig eens" are the strongest colours.
 */
export const BAND_COLOURS: Record<RokBand, string> = {
  below: '#D55E00',
  approaching: '#E69F00',
  meeting: '#56B4E9',
  exceeding: '#0072B2',
};
export const WITHHELD_COLOUR = '#C9CDD2';
export const TEXT_COLOUR = '#1F2933';
export const MUTED_TEXT_COLOUR = '#52606D';

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

const BLACK: Rgb = [0, 0, 0];

/**
 * One colour per scale point: its band's colour for the point nearest the middle of the scale,
 * darker shades for points further out. A band with one point gets the band colour itself.
 */
export function pointColours(points: readonly { value: number; band: RokBand }[]): Map<number, string> {
  const values = points.map((p) => p.value);
  const middle = (Math.min(...values) + Math.max(...values)) / 2;
  const colours = new Map<number, string>();
  for (const band of Object.keys(BAND_COLOURS) as RokBand[]) {
    const inBand = points.filter((p) => p.band === band).sort((a, b) => Math.abs(a.value - middle) - Math.abs(b.value - middle));
    const base = parse(BAND_COLOURS[band]);
    inBand.forEach((p, i) => {
      // Nearest the middle: the band colour itself; furthest: 35% towards black. (Lightening the
      // inner point instead makes a light vermillion that reads as the orange next to it.)
      const colour = mix(base, BLACK, inBand.length === 1 ? 0 : 0.35 * (i / (inBand.length - 1)));
      colours.set(p.value, toHex(colour));
    });
  }
  return colours;
}

/** Relative luminance (WCAG), to pick a readable label colour on a segment. */
export function luminance(hex: string): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = parse(hex);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** White on dark segments, near-black on light ones. */
export function labelColourOn(hex: string): string {
  return luminance(hex) < 0.3 ? '#FFFFFF' : TEXT_COLOUR;
}
