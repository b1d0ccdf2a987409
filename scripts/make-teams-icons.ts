/**
 * Draws the two Teams app icons from SVG with resvg and writes them next to the manifest:
 *  - color.png, 192×192: the full-colour icon (a heart and its mirror image on the brand colour);
 *  - outline.png, 32×32: the same as a white outline on a transparent background, as
 *    Teams requires for its activity bar.
 * Run with `npx tsx scripts/make-teams-icons.ts`; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

export const ICON_DIR = path.join(__dirname, '..', 'manifests', 'teams');
export const ACCENT = '#1F6F78';

/**
 * A heart and its reflection: the left half solid, the right half its paler mirror image, with
 * the mirror line between them. Designed on a 192 grid.
 */
export const COLOR_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" fill="${ACCENT}"/>
  <path fill="#FFFFFF" d="M92 150 C 38 112 26 72 48 52 C 64 38 84 42 92 60 Z"/>
  <path fill="#FFFFFF" fill-opacity="0.45" d="M100 60 C 108 42 128 38 144 52 C 166 72 154 112 100 150 Z"/>
  <path d="M96 34 L96 166" stroke="#F6C65B" stroke-width="5" stroke-linecap="round"/>
</svg>`;

/** The same heart and mirror line as white strokes on transparency, on a 32 grid. */
export const OUTLINE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <g fill="none" stroke="#FFFFFF" stroke-linecap="round" stroke-linejoin="round" stroke-width="1.6">
    <path d="M15 25.5 C 6 19.5 4 12.5 7.7 9.2 C 10.3 6.9 13.7 7.5 15 10.4"/>
    <path d="M17 10.4 C 18.3 7.5 21.7 6.9 24.3 9.2 C 28 12.5 26 19.5 17 25.5"/>
    <path d="M16 4.5 L16 28"/>
  </g>
</svg>`;

export function renderIcon(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

export function writeIcons(dir = ICON_DIR): { color: string; outline: string } {
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  fs.writeFileSync(color, renderIcon(COLOR_SVG, 192));
  fs.writeFileSync(outline, renderIcon(OUTLINE_SVG, 32));
  return { color, outline };
}

if (require.main === module) {
  const written = writeIcons();
  process.stdout.write(`wrote ${written.color} and ${written.outline}\n`);
}
