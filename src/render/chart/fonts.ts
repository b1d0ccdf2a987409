import fs from 'node:fs';
import path from 'node:path';

/**
 * The chart is drawn in DejaVu Sans: free, wide Unicode coverage (ë, é, ’, −), and what Debian's
 * `fonts-dejavu-core` package installs (present in the node:20 images; add it to slim images).
 * resvg also loads the system's fonts, so without DejaVu the SVG's fallback list (Arial,
 * Helvetica, any sans-serif) still gives readable text, only with slightly different widths.
 */
const FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/local/share/fonts',
  '/opt/homebrew/share/fonts',
];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

let cached: string[] | undefined;

/** Paths of the DejaVu Sans regular and bold files found on this machine (possibly none). */
export function chartFontFiles(): string[] {
  if (!cached) {
    cached = [];
    for (const name of FONT_FILES) {
      const found = FONT_DIRS.map((dir) => path.join(dir, name)).find((file) => fs.existsSync(file));
      if (found) cached.push(found);
    }
  }
  return cached;
}
