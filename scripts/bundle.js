#!/usr/bin/env node
// The last build step (`npm run build`): bundles the compiled CLI (dist/cli/main.js and the
// packages it loads) into one file, dist/cli/bundle.js, and makes its V8 code cache,
// dist/cli/bundle.code-cache; dist/cli/bundled-main.js runs the two (src/cli/bundle-script.ts).
// Start-up from ~1,800 files spent most of its time resolving, reading and compiling them.
//
// The cache is made by running `serve` from the bundle once, with the defaults (the in-process
// database, the playground and the Teams emulator endpoint: the most code a start runs), until
// /healthz answers, and saving what V8 compiled by then. V8 accepts a cache only under the same
// flags, so this runs under serve's flags (bin/node-flags.js), which production uses too.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { serveNodeFlags } = require('../bin/node-flags.js');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const entry = path.join(dist, 'cli', 'main.js');
const outfile = path.join(dist, 'cli', 'bundle.js');

// Loaded from node_modules at run time, not bundled: the stand-in runs its own files on a worker
// thread; resvg has a native binary; mongodb-memory-server is a development tool.
const EXTERNAL = ['@zorgspiegel/embedded-mongo', '@resvg/resvg-js', 'mongodb-memory-server'];

/**
 * Our compiled files find their data (locales, the questionnaire, the playground's page, cards/)
 * beside themselves through __dirname; in the bundle every module would get the bundle's folder,
 * so each keeps its own, written relative to the bundle.
 */
const ownDirname = {
  name: 'own-dirname',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!/\b__dirname\b/.test(source)) return undefined;
      const relative = path.relative(path.dirname(outfile), path.dirname(args.path)).split(path.sep).join('/');
      return { contents: source.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${JSON.stringify(relative)})`), loader: 'js' };
    });
  },
};

async function bundle() {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    // import() becomes require(): the bundle runs as a vm.Script, which has no ESM loader of its own.
    supported: { 'dynamic-import': false },
    minifyWhitespace: true,
    minifySyntax: true,
    // The file is the CommonJS wrapper function itself (see compileBundle): wrapping it at run time
    // would copy its 10 MB into a second string.
    banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
    footer: { js: '\n})' },
    sourcemap: 'external',
    logLevel: 'error',
    plugins: [ownDirname],
  });
  if (result.errors.length) throw new Error('esbuild failed');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs `serve` from the bundle in a child under serve's flags; the child writes the cache. */
async function makeCodeCache() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zs-code-cache-'));
  // Only what this run needs: no database URI, no platform credentials, no mongod found in a cache.
  const env = { PATH: process.env.PATH, HOME: scratch, PORT: String(await freePort()), DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  const child = spawn(process.execPath, [...serveNodeFlags, __filename, '--make-code-cache'], { cwd: scratch, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise((resolve) => child.once('exit', (c, signal) => resolve(c ?? signal)));
  fs.rmSync(scratch, { recursive: true, force: true });
  if (code !== 0) throw new Error(`making the code cache failed (${code})`);
}

/** In the child: the bundle compiled as dist/cli/bundled-main.js compiles it, run as `serve`. */
async function runAndSaveCodeCache() {
  const { CODE_CACHE_FILE, compileBundle, runBundle } = require(path.join(dist, 'cli', 'bundle-script.js'));
  const script = compileBundle();
  process.argv = [process.argv[0], outfile, 'serve'];
  runBundle(script, module);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error('serve from the bundle did not answer /healthz within 120 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  const cache = script.createCachedData();
  fs.writeFileSync(CODE_CACHE_FILE, cache);
  process.stdout.write(`bundled dist/cli/main.js into ${path.relative(root, outfile)} (${(fs.statSync(outfile).size / 2 ** 20).toFixed(1)} MB) with a ${(cache.length / 2 ** 20).toFixed(1)} MB code cache\n`);
  process.exit(0);
}

(process.argv.includes('--make-code-cache') ? runAndSaveCodeCache() : bundle().then(makeCodeCache)).catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack || e.message : String(e)}\n`);
  process.exit(1);
});
