// Bundles Lambda handlers with esbuild's JS API (no Docker, no network): one ESM file per function for
// Node.js 22 with a source map, everything bundled except the native modules that come from layers. All
// functions go through ONE esbuild call. Each function gets its own folder (its asset), and the list of
// native modules its bundle imports (they decide its layers).
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type BuildFailure } from 'esbuild';
import { NATIVE_MODULES } from './native-layers.js';

export interface FunctionBundle {
  dir: string;
  /** the handler setting: file without extension + export name */
  handler: string;
  nativeModules: string[];
}

export function handlerEntry(root: string, dir: string): string {
  return path.join(root, 'functions', dir, 'handler.ts');
}

/** Bundles the handlers of `dirs` (function name → folder under functions/). */
export function bundleFunctions(dirs: Record<string, string>, root: string): Record<string, FunctionBundle> {
  const entryPoints: Record<string, string> = {};
  for (const [name, dir] of Object.entries(dirs)) {
    const entry = handlerEntry(root, dir);
    if (!existsSync(entry)) throw new Error(`function ${name}: ${path.relative(root, entry)} does not exist (dir "${dir}")`);
    entryPoints[`${name}/index`] = entry;
  }
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'feed-lambda-'));
  let result;
  try {
    result = buildSync({
      entryPoints,
      outdir,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      mainFields: ['module', 'main'],
      // CommonJS dependencies inside an ESM bundle still call require()
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
      external: NATIVE_MODULES,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      metafile: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
  } catch (e) {
    const errors = (e as BuildFailure).errors;
    if (!Array.isArray(errors)) throw e;
    throw new Error(
      'function bundling failed:\n' + errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}` : '?'}: ${m.text}`).join('\n'),
    );
  }
  const out: Record<string, FunctionBundle> = {};
  for (const [file, meta] of Object.entries(result.metafile.outputs)) {
    if (!meta.entryPoint) continue;
    const name = path.basename(path.dirname(file));
    const imported = meta.imports.filter((i) => i.external).map((i) => i.path);
    out[name] = {
      dir: path.resolve(root, path.dirname(file)),
      handler: 'index.handler',
      nativeModules: NATIVE_MODULES.filter((m) => imported.some((i) => i === m || i.startsWith(`${m}/`))),
    };
  }
  return out;
}
