// The package's entry point. Production runs the compiled package (dist/, built by `npm run
// build`). A process that compiles TypeScript on the fly (tsx in development, jest's transform in
// tests) loads the sources instead, so an edit to the stand-in is live without a rebuild and a
// stale dist/ is never used there.
const fs = require('node:fs');
const path = require('node:path');

const source = path.join(__dirname, 'src', 'index.ts');
const compilesTypeScript = require.extensions['.ts'] !== undefined && fs.existsSync(source);
module.exports = require(compilesTypeScript ? source : './dist/index.js');
