// The web app's runtime configuration from the stack's outputs, in the ONE format `npm start` writes
// (infra/local/config.ts: aws-amplify v6 ResourcesConfig, served to the app as /amplify-config.json).
//   npx tsx infra/cdk/client-config.ts <cdk outputs file> <stack name> <config file>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { ResourcesConfig } from 'aws-amplify';
import { amplifyConfig, writeAmplifyConfig, type ClientEndpoints } from '../local/config.js';
import { OUTPUTS } from './outputs.js';

/** Maps `cdk deploy --outputs-file` values of one stack to the client endpoints; a missing output is named. */
export function endpointsFromOutputs(outputs: Record<string, string>, stackName: string): ClientEndpoints {
  const get = (key: string) => {
    const value = outputs[key];
    if (typeof value !== 'string' || value === '') throw new Error(`stack ${stackName}: output "${key}" is missing`);
    return value;
  };
  return {
    graphqlUrl: get(OUTPUTS.graphqlUrl),
    region: get(OUTPUTS.region),
    apiKey: get(OUTPUTS.apiKey),
    userPoolId: get(OUTPUTS.userPoolId),
    userPoolClientId: get(OUTPUTS.userPoolClientId),
  };
}

/** Reads one stack's outputs from a `cdk deploy --outputs-file` file ({ stackName: { key: value } }). */
export function readStackOutputs(file: string, stackName: string): Record<string, string> {
  const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
  const outputs = all[stackName];
  if (!outputs) throw new Error(`${file}: no outputs for stack ${stackName} (stacks: ${Object.keys(all).join(', ') || 'none'})`);
  return outputs;
}

export function clientConfigFromOutputs(outputsFile: string, stackName: string): ResourcesConfig {
  return amplifyConfig(endpointsFromOutputs(readStackOutputs(outputsFile, stackName), stackName));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [outputsFile, stackName, configFile] = process.argv.slice(2);
  if (!outputsFile || !stackName || !configFile) {
    console.error('usage: client-config <cdk outputs file> <stack name> <config file>');
    process.exit(2);
  }
  writeAmplifyConfig(configFile, clientConfigFromOutputs(outputsFile, stackName));
  console.log(`client config: ${configFile}`);
}
