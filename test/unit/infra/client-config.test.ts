// Stack outputs → the web app's config file, in the format `npm start` writes (infra/local/config.ts).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { amplifyConfig } from '../../../infra/local/config.js';
import { clientConfigFromOutputs, endpointsFromOutputs } from '../../../infra/cdk/client-config.js';
import { OUTPUTS } from '../../../infra/cdk/outputs.js';
import { cacheControl } from '../../../infra/cdk/publish-web.js';

const outputs = {
  [OUTPUTS.region]: 'eu-west-1',
  [OUTPUTS.graphqlUrl]: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
  [OUTPUTS.apiKey]: 'da2-key',
  [OUTPUTS.userPoolId]: 'eu-west-1_AbCdEf',
  [OUTPUTS.userPoolClientId]: 'client123',
  [OUTPUTS.webUrl]: 'https://d1.cloudfront.net',
};

describe('client config from stack outputs', () => {
  it('is the same ResourcesConfig the local stack writes, without a custom Cognito endpoint', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'feed-outputs-'));
    const file = path.join(dir, 'outputs.json');
    writeFileSync(file, JSON.stringify({ 'SocialFeed-dev': outputs }));
    const config = clientConfigFromOutputs(file, 'SocialFeed-dev');
    expect(config).toEqual(
      amplifyConfig({
        graphqlUrl: outputs.GraphqlUrl,
        region: 'eu-west-1',
        apiKey: 'da2-key',
        userPoolId: 'eu-west-1_AbCdEf',
        userPoolClientId: 'client123',
      }),
    );
    expect(JSON.stringify(config)).not.toContain('userPoolEndpoint');
    expect(config.API?.GraphQL?.endpoint).toBe(outputs.GraphqlUrl);
  });

  it('names a missing output and a missing stack', () => {
    const { ApiKey: _drop, ...partial } = outputs;
    expect(() => endpointsFromOutputs(partial, 'SocialFeed-dev')).toThrow('stack SocialFeed-dev: output "ApiKey" is missing');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'feed-outputs-'));
    const file = path.join(dir, 'outputs.json');
    writeFileSync(file, JSON.stringify({ 'SocialFeed-prd': outputs }));
    expect(() => clientConfigFromOutputs(file, 'SocialFeed-dev')).toThrow(/no outputs for stack SocialFeed-dev \(stacks: SocialFeed-prd\)/);
    expect(readFileSync(file, 'utf8')).toContain('SocialFeed-prd');
  });

  it('publishes hashed assets as immutable and the entry points as no-cache', () => {
    expect(cacheControl('assets/index-abc123.js')).toContain('immutable');
    expect(cacheControl('index.html')).toBe('no-cache');
    expect(cacheControl('amplify-config.json')).toBe('no-cache');
  });
});
