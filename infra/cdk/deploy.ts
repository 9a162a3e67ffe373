// `npm run deploy -- -c stage=dev|prd [-c alarmEmail=ops@example.com] [other cdk deploy options]`
// 1. builds the native layers (sharp for linux arm64), 2. cdk deploy with --outputs-file, 3. writes the web
// app's config from the outputs (.local/amplify-config.<stage>.json, the format `npm start` writes),
// 4. builds web/ and uploads it with the config into the web bucket. Needs AWS credentials and a
// bootstrapped account (`npx cdk bootstrap`).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeAmplifyConfig } from '../local/config.js';
import { clientConfigFromOutputs, readStackOutputs } from './client-config.js';
import { buildNativeLayers } from './native-layers.js';
import { OUTPUTS, stackName } from './outputs.js';
import { publishWeb } from './publish-web.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);

function contextValue(key: string): string | undefined {
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i]!;
    const v = a === '-c' || a === '--context' ? args[i + 1] : a.startsWith('--context=') ? a.slice('--context='.length) : undefined;
    if (v?.startsWith(`${key}=`)) return v.slice(key.length + 1);
  }
  return undefined;
}

const run = (cmd: string, argv: string[]) => execFileSync(cmd, argv, { cwd: root, stdio: 'inherit' });

async function main(): Promise<void> {
  const stage = contextValue('stage') ?? 'dev';
  const stack = stackName(stage);
  const outputsFile = path.join(root, '.local', `cdk-outputs.${stage}.json`);
  const configFile = path.join(root, '.local', `amplify-config.${stage}.json`);

  buildNativeLayers(root);
  run('npx', ['cdk', 'deploy', stack, '-c', `stage=${stage}`, '-c', 'requireNativeLayers=true', '--outputs-file', outputsFile, ...args]);

  writeAmplifyConfig(configFile, clientConfigFromOutputs(outputsFile, stack));
  console.log(`client config: ${path.relative(root, configFile)}`);

  const outputs = readStackOutputs(outputsFile, stack);
  if (existsSync(path.join(root, 'web', 'index.html'))) {
    run('npm', ['run', '-s', 'web:build']);
    const count = await publishWeb({
      distDir: path.join(root, 'web', 'dist'),
      configFile,
      bucket: outputs[OUTPUTS.webBucket]!,
      region: outputs[OUTPUTS.region]!,
    });
    console.log(`web: ${count} files uploaded, ${outputs[OUTPUTS.webUrl]}`);
  }
}

main().catch((e: unknown) => {
  console.error(`deploy: ${(e as Error).message}`);
  process.exit(1);
});
