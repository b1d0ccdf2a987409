import fs from 'node:fs';
import path from 'node:path';

/** Browsers a developer machine or CI image may already have, by the names their packages install. */
const INSTALLED_BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];

export interface FoundBrowser {
  executablePath: string;
  /** Where it came from, for the line the test prints. */
  source: 'CHROMIUM_PATH' | 'PATH' | '@sparticuz/chromium';
}

function onPath(name: string, envPath: string): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here; try the next directory
    }
  }
  return undefined;
}

/**
 * The browser the playground e2e test drives: CHROMIUM_PATH when set, else a Chrome, Chromium or
 * Edge already installed, else the Chromium that the @sparticuz/chromium dev dependency ships
 * inside its npm package (it unpacks to the temp directory on first use, no download), so
 * `npm ci && npm test` passes on a machine with no browser at all.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!fs.existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist; unset it to use an installed or the packaged Chromium.`);
    return { executablePath: configured, source: 'CHROMIUM_PATH' };
  }
  for (const name of INSTALLED_BROWSERS) {
    const found = onPath(name, env.PATH ?? '');
    if (found) return { executablePath: found, source: 'PATH' };
  }
  const packaged = (await import('@sparticuz/chromium')).default;
  return { executablePath: await packaged.executablePath(), source: '@sparticuz/chromium' };
}
