// Bundles APPSYNC_JS resolver files at synth time with esbuild, as AWS's own samples do and with the same
// options the local runtime uses (infra/local/runtime/load.ts): bundle, ESM, platform neutral, the two
// AppSync modules external. All files go through ONE esbuild call (one process instead of one per file).
// Bundles are written to a temporary folder and deployed as S3 assets: inline code would put every bundle
// and its source map into the template, which CloudFormation caps at 1 MB.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type BuildFailure } from 'esbuild';

/** AppSync rejects resolver/function code larger than this (bytes). */
export const MAX_CODE_BYTES = 32 * 1024;

/** output file by absolute source path; bundled once per process */
const bundled = new Map<string, string>();

/** Bundles every file not bundled yet (paths from `root`); returns the bundle file of each. */
export function bundleResolvers(files: string[], root: string): Map<string, string> {
  const todo = [...new Set(files.map((f) => path.resolve(root, f)))].filter((f) => !bundled.has(f));
  if (todo.length) {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'feed-resolvers-'));
    let result;
    try {
      result = buildSync({
        entryPoints: todo,
        outdir,
        outbase: root,
        outExtension: { '.js': '.js' },
        absWorkingDir: root,
        bundle: true,
        write: true,
        format: 'esm',
        platform: 'neutral',
        target: 'esnext',
        // inline source map without sources: CloudWatch errors point at TypeScript lines, code stays small
        sourcemap: 'inline',
        sourcesContent: false,
        external: ['@aws-appsync/utils', '@aws-appsync/utils/dynamodb'],
        metafile: true,
        logLevel: 'silent',
      });
    } catch (e) {
      const errors = (e as BuildFailure).errors;
      if (!Array.isArray(errors)) throw e;
      throw new Error(
        'resolver bundling failed:\n' +
          errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}` : '?'}: ${m.text}`).join('\n'),
      );
    }
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      if (!meta.entryPoint) continue;
      const source = path.resolve(root, meta.entryPoint);
      const file = path.resolve(root, out);
      if (meta.bytes > MAX_CODE_BYTES) {
        throw new Error(`resolver ${path.relative(root, source)}: bundled code is ${meta.bytes} bytes, AppSync accepts at most ${MAX_CODE_BYTES}`);
      }
      bundled.set(source, file);
    }
  }
  const out = new Map<string, string>();
  for (const f of files) {
    const file = bundled.get(path.resolve(root, f));
    if (!file) throw new Error(`resolver ${f}: esbuild produced no bundle`);
    out.set(f, file);
  }
  return out;
}

/** The bundled code of one resolver file (tests read it; synth uses the file). */
export function resolverCode(file: string, root: string): string {
  return readFileSync(bundleResolvers([file], root).get(file)!, 'utf8');
}
