// The real consumer of the refresh shim: aws-amplify v6 (as the web app uses it) signs in with
// USER_PASSWORD_AUTH against the local endpoint and refreshes with GetTokensFromRefreshToken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { startServices, type TestServices } from '../../support/services.js';

let services: TestServices;

beforeAll(async () => {
  services = await startServices();
  await services.cognito.createUser('amplify@example.com', 'Amplify-passw0rd', { groups: ['admins'] });
  Amplify.configure({
    Auth: {
      Cognito: {
        userPoolId: services.cognito.userPoolId,
        userPoolClientId: services.cognito.clientId,
        userPoolEndpoint: services.cognito.endpoint,
      },
    },
  });
});

afterAll(async () => {
  await signOut().catch(() => {});
  await services?.stop();
});

describe('aws-amplify v6 against the local Cognito', () => {
  it('signs in with USER_PASSWORD_AUTH and force-refreshes through the shim', async () => {
    const result = await signIn({
      username: 'amplify@example.com',
      password: 'Amplify-passw0rd',
      options: { authFlowType: 'USER_PASSWORD_AUTH' },
    });
    expect(result.isSignedIn).toBe(true);
    const first = await fetchAuthSession();
    expect(first.tokens?.idToken?.payload['cognito:groups']).toEqual(['admins']);

    await new Promise((r) => setTimeout(r, 1_100)); // tokens carry whole seconds: make iat differ
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    const idToken = refreshed.tokens?.idToken;
    expect(idToken?.payload['cognito:groups']).toEqual(['admins']);
    expect(idToken?.payload.iat).toBeGreaterThan(first.tokens?.idToken?.payload.iat ?? Infinity);
    expect(idToken?.toString()).not.toBe(first.tokens?.idToken?.toString());
  });
});
