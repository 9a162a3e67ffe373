/** Stack output names: the stack writes them, client-config.ts and deploy.ts read them. */
export const OUTPUTS = {
  region: 'Region',
  graphqlUrl: 'GraphqlUrl',
  apiKey: 'ApiKey',
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
  mediaBaseUrl: 'MediaBaseUrl',
  mediaBucket: 'MediaBucket',
  webUrl: 'WebUrl',
  webBucket: 'WebBucket',
} as const;

export const stackName = (stage: string) => `SocialFeed-${stage}`;
