#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx zorgspiegel …` and `npm start`
// work right after `npm ci` with no build step to remember.
require('tsx/cjs/api').register();
require('../src/cli/main.ts');
