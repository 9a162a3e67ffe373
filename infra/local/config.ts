// The client configuration of a running stack as ONE JSON file that `Amplify.configure()` accepts as it is:
// aws-amplify v6's ResourcesConfig (not the Gen 2 amplify_outputs.json shape, which has no field for a
// custom Cognito endpoint). Locally it points at the local AppSync server and cognito-local (through the
// token-refresh shim); the CDK app writes the same shape from its outputs, without userPoolEndpoint.
//   import config from '../.local/amplify-config.json';  Amplify.configure(config);
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ResourcesConfig } from 'aws-amplify';

/** Where `npm start` writes it, relative to the repo root (the web app and the tests read it). */
export const AMPLIFY_CONFIG_FILE = '.local/amplify-config.json';

export interface ClientEndpoints {
  /** http://127.0.0.1:<port>/graphql — Amplify derives the real-time URL by appending /realtime */
  graphqlUrl: string;
  region: string;
  apiKey: string;
  userPoolId: string;
  userPoolClientId: string;
  /** the local Cognito endpoint (omit on AWS) */
  userPoolEndpoint?: string;
}

export function amplifyConfig(e: ClientEndpoints): ResourcesConfig {
  return {
    Auth: {
      Cognito: {
        userPoolId: e.userPoolId,
        userPoolClientId: e.userPoolClientId,
        ...(e.userPoolEndpoint ? { userPoolEndpoint: e.userPoolEndpoint } : {}),
        loginWith: { email: true },
      },
    },
    API: {
      GraphQL: {
        endpoint: e.graphqlUrl,
        region: e.region,
        // signed-in users by default; anonymous browsing passes authMode: 'apiKey'
        defaultAuthMode: 'userPool',
        apiKey: e.apiKey,
      },
    },
  };
}

/** Write atomically, so a web dev server watching the file never reads half of it. */
export function writeAmplifyConfig(file: string, config: ResourcesConfig): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`);
  renameSync(tmp, file);
}
