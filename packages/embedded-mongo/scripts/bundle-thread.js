#!/usr/bin/env node
// The last step of this package's build: dist/thread.js and everything its worker loads (the
// server and its query engine, mingo's ~280 modules, bson) bundled into dist/thread.bundle.js,
// which startEmbeddedMongoThread starts the worker from when it is there: a worker that reads one
// file instead of ~300 is ready sooner, and the app's start waits for it.
const path = require('node:path');
const esbuild = require('esbuild');

const dist = path.join(__dirname, '..', 'dist');
esbuild.buildSync({
  entryPoints: [path.join(dist, 'thread.js')],
  outfile: path.join(dist, 'thread.bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The worker never uses pino (only the standalone command does, loading it on use).
  external: ['pino'],
  supported: { 'dynamic-import': false },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'external',
  logLevel: 'error',
});
