// Native npm modules (sharp) cannot be bundled by esbuild: they ship as Lambda layers built for the Lambda
// platform (linux, arm64, glibc). `npm run layers` (run by `npm run deploy`) installs them into
// .local/layers/<module>/nodejs; synth uses that folder. Without it synth still works offline (CI) but
// marks the template as not deployable, and `-c requireNativeLayers=true` (the deploy script) fails instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Annotations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/** Modules that stay external in function bundles and come from a layer instead. */
export const NATIVE_MODULES = ['sharp'];

export function layerDir(root: string, module: string): string {
  return path.join(root, '.local', 'layers', module);
}

/** The version installed in the repository: the layer carries exactly what the tests ran against. */
export function installedVersion(root: string, module: string): string {
  const pkg = JSON.parse(readFileSync(path.join(root, 'node_modules', module, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function ready(dir: string, module: string): boolean {
  return existsSync(path.join(dir, 'nodejs', 'node_modules', module, 'package.json'));
}

export function nativeLayer(scope: Construct, id: string, root: string, module: string, require: boolean): lambda.ILayerVersion {
  let dir = layerDir(root, module);
  if (!ready(dir, module)) {
    const message = `native layer "${module}" is not built (${path.relative(root, dir)}): run \`npm run layers\` before deploying`;
    if (require) throw new Error(message);
    // An empty stand-in keeps synth offline; the warning says this template must not be deployed.
    dir = path.join(root, '.local', 'layers', `.missing-${module}`);
    mkdirSync(path.join(dir, 'nodejs'), { recursive: true });
    writeFileSync(path.join(dir, 'nodejs', 'MISSING'), message + '\n');
    Annotations.of(scope).addWarningV2(`social-feed:native-layer-missing:${module}`, message);
  }
  return new lambda.LayerVersion(scope, id, {
    code: lambda.Code.fromAsset(dir),
    compatibleArchitectures: [lambda.Architecture.ARM_64],
    compatibleRuntimes: [lambda.Runtime.NODEJS_22_X],
    description: `${module} for linux arm64 (glibc)`,
  });
}

/** Installs each native module for the Lambda platform into its layer folder (needs the npm registry). */
export function buildNativeLayers(root: string): void {
  for (const module of NATIVE_MODULES) {
    const dir = layerDir(root, module);
    const spec = `${module}@${installedVersion(root, module)}`;
    mkdirSync(path.join(dir, 'nodejs'), { recursive: true });
    execFileSync(
      'npm',
      ['install', '--prefix', path.join(dir, 'nodejs'), '--no-save', '--no-package-lock', '--omit=dev', '--os=linux', '--cpu=arm64', '--libc=glibc', spec],
      { stdio: 'inherit' },
    );
    console.log(`layer ${module}: ${spec} in ${path.relative(root, dir)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildNativeLayers(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..'));
}
