import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILE, CODE_CACHE_FILE, compileBundle, runBundle } from './bundle-script';

/**
 * The production entry point (`npm run start:prod`, the Docker image): the same CLI as
 * dist/cli/main.js, run from its one-file bundle with the build's V8 code cache (see
 * bundle-script.ts). Without a usable cache it still runs, only compiling as it goes (and `serve`
 * says so).
 */
if (!fs.existsSync(BUNDLE_FILE)) {
  process.stderr.write(`${path.relative(process.cwd(), BUNDLE_FILE)} is missing: run \`npm run build\`.\n`);
  process.exit(1);
}
/** Compiled with the cache when V8 takes it; the cache's bytes are garbage once this returns. */
function compile() {
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(CODE_CACHE_FILE);
  } catch {
    cachedData = undefined;
  }
  const script = compileBundle(cachedData);
  // Said for `serve` only, whose start is what the cache is for; a one-off command is fine without.
  if (process.argv[2] === 'serve' && (!cachedData || script.cachedDataRejected)) {
    process.stderr.write(
      `zorgspiegel: ${cachedData ? 'the code cache was made for another Node version or other Node flags' : 'no code cache'} ` +
        `(${path.relative(process.cwd(), CODE_CACHE_FILE)}), so start-up compiles the code and is slower. ` +
        'The cache is made by `npm run build` for the flags in bin/node-flags.js.\n',
    );
  }
  return script;
}

runBundle(compile(), module);
