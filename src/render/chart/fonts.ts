import fs from 'node:fs';
import path from 'node:path';

export const FONT_FAMILY = 'DejaVu Sans';

/**
 * The chart is drawn in DejaVu Sans: free, wide Unicode coverage (ë, é, ’, −). The
 * `dejavu-fonts-ttf` npm package ships the files, so a slim container image with no fonts at all
 * still draws the chart's text (and in the widths text-width.ts lays out for). The system
 * directories are only a fallback for an install that left the package out.
 */
function packagedFontDir(): string | undefined {
  try {
    return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  } catch {
    return undefined;
  }
}

const SYSTEM_FONT_DIRS = [
  '/usr/share/fonts/truetype/dejavu',
  '/usr/share/fonts/dejavu',
  '/usr/share/fonts/TTF',
  '/usr/local/share/fonts',
  '/opt/homebrew/share/fonts',
];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

const FONT_DIRS = [packagedFontDir(), ...SYSTEM_FONT_DIRS].filter((dir): dir is string => Boolean(dir));

let cached: string[] | undefined;

/** Paths of the DejaVu Sans regular and bold files: the packaged ones, else the system's (possibly none). */
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
