import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * The production build's one-file CLI (scripts/bundle.js bundles dist/cli/main.js into it) and the
 * V8 code cache the build makes for it. Together they spare `serve` what dominated its start:
 * resolving and reading ~1,800 module files and compiling them.
 */
export const BUNDLE_FILE = path.join(__dirname, 'bundle.js');
export const CODE_CACHE_FILE = path.join(__dirname, 'bundle.code-cache');

/**
 * Compiles the bundle, which the build wrote as a CommonJS module's wrapper function, with
 * `cachedData` when given. V8 takes a cache only if it was made by the same V8 with the same
 * flags (the heap limits included) for this exact source; otherwise it compiles as usual and
 * `cachedDataRejected` says so.
 */
export function compileBundle(cachedData?: Buffer): vm.Script {
  return new vm.Script(fs.readFileSync(BUNDLE_FILE, 'utf8'), { filename: BUNDLE_FILE, cachedData });
}

/** Runs the compiled bundle as the module dist/cli/bundle.js; its own requires resolve from there. */
export function runBundle(script: vm.Script, parent: NodeModule): void {
  const bundle = new Module(BUNDLE_FILE, parent);
  bundle.filename = BUNDLE_FILE;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  wrapper.call(bundle.exports, bundle.exports, Module.createRequire(BUNDLE_FILE), bundle, BUNDLE_FILE, path.dirname(BUNDLE_FILE));
}
