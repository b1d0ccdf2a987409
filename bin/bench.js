#!/usr/bin/env node
// Runs a benchmark from bench/<name>.ts through tsx, like bin/zorgspiegel.js runs the CLI:
// `npm run bench -- fanout`.
const fs = require('node:fs');
const path = require('node:path');

const benchDir = path.join(__dirname, '..', 'bench');
const available = fs.existsSync(benchDir)
  ? fs.readdirSync(benchDir).filter((f) => f.endsWith('.ts') && !f.includes('.spec.') && !f.startsWith('_')).map((f) => f.slice(0, -3))
  : [];
const name = process.argv[2];
if (!name || !/^[a-z0-9-]+$/.test(name) || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name>\navailable: ${available.join(', ') || '(none)'}\n`);
  process.exit(2);
}
require('tsx/cjs/api').register();
require(path.join(benchDir, `${name}.ts`));
