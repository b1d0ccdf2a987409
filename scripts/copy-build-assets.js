#!/usr/bin/env node
// Copies what the compiled code reads from beside itself (locale and questionnaire JSON, the
// playground's static page) from src/ to dist/, so `node dist/cli/main.js` finds it as tsx does.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
const ASSET = /\.(json|js|css|html|svg|png)$/;
let copied = 0;

function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__') walk(from);
    } else if (ASSET.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      const to = path.join(dist, path.relative(src, from));
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
      copied++;
    }
  }
}

walk(src);
process.stdout.write(`copied ${copied} asset files to dist/\n`);
