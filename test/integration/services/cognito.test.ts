// cognito-local as the project runs it: pool/client/group set-up, USER_PASSWORD_AUTH sign-in,
// groups in tokens, JWT verification, and token refresh through the shim (which cognito-local lacks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetTokensFromRefreshTokenCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import {
  createLocalJwtVerifier,
  ensureUserPool,
  freePorts,
  localCognitoClient,
  startCognito,
  type CognitoLocal,
  type LocalUserPool,
} from '../../../infra/local/services/index.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptsConnection, listeningAddresses } from '../../support/services.js';

const POOL = { poolName: 'feed-users', clientName: 'web', groups: ['admins'] };
let cognito: CognitoLocal;
let pool: LocalUserPool;
let dataDir: string;
let startMs = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'cognito-test-'));
  const [port, upstreamPort] = await freePorts(2);
  const t0 = performance.now();
  cognito = await startCognito({ port, upstreamPort, dataDir });
  startMs = performance.now() - t0;
  pool = await ensureUserPool(cognito.endpoint, POOL);
  await pool.createUser('admin@example.com', 'Admin-passw0rd', { groups: ['admins'] });
  await pool.createUser('user@example.com', 'User-passw0rd');
});

afterAll(async () => {
  await cognito?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

describe('cognito-local + refresh shim', () => {
  it('starts, and both the shim and cognito-local listen on 127.0.0.1 only', async () => {
    console.info(`[measure] cognito-local + shim start: ${startMs.toFixed(0)} ms`);
    for (const port of [cognito.port, Number(new URL(cognito.upstreamEndpoint).port)]) {
      expect(listeningAddresses(port)).toEqual(['127.0.0.1']);
      expect(await acceptsConnection('127.0.0.2', port)).toBe(false);
    }
  });

  it('ensureUserPool is idempotent and createUser can be repeated', async () => {
    const again = await ensureUserPool(cognito.endpoint, POOL);
    expect(again.userPoolId).toBe(pool.userPoolId);
    expect(again.clientId).toBe(pool.clientId);
    const first = await pool.createUser('twice@example.com', 'Twice-passw0rd');
    const second = await pool.createUser('twice@example.com', 'Twice-passw0rd-2');
    expect(second.sub).toBe(first.sub);
    await expect(pool.signIn('twice@example.com', 'Twice-passw0rd-2')).resolves.toHaveProperty('IdToken');
  });

  it('signs in with USER_PASSWORD_AUTH; tokens carry cognito:groups and verify with aws-jwt-verify', async () => {
    const admin = await pool.signIn('admin@example.com', 'Admin-passw0rd');
    const user = await pool.signIn('user@example.com', 'User-passw0rd');
    expect(claims(admin.IdToken)['cognito:groups']).toEqual(['admins']);
    expect(claims(admin.AccessToken)['cognito:groups']).toEqual(['admins']);
    expect(claims(user.IdToken)['cognito:groups']).toBeUndefined();

    const idVerifier = await createLocalJwtVerifier({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId });
    const payload = await idVerifier.verify(admin.IdToken);
    expect(payload.iss).toBe(cognito.issuer(pool.userPoolId));
    expect(payload['cognito:groups']).toEqual(['admins']);
    expect(payload.email).toBe('admin@example.com');

    const accessVerifier = await createLocalJwtVerifier({
      cognitoEndpoint: cognito.endpoint,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      tokenUse: 'access',
    });
    await expect(accessVerifier.verify(admin.AccessToken)).resolves.toMatchObject({ client_id: pool.clientId });
    await expect(accessVerifier.verify(admin.IdToken)).rejects.toThrow(/token_use is id/);
    await expect(idVerifier.verify(admin.AccessToken)).rejects.toThrow();
  });

  it('rejects tampered tokens, tokens for another client, and wrong passwords', async () => {
    const { IdToken } = await pool.signIn('user@example.com', 'User-passw0rd');
    const verifier = await createLocalJwtVerifier({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId });
    const [header, body, signature] = IdToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(IdToken), 'cognito:groups': ['admins'] })).toString('base64url');
    await expect(verifier.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/signature/i);
    expect(body).not.toBe(forged);

    const other = await createLocalJwtVerifier({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: 'another-client' });
    await expect(other.verify(IdToken)).rejects.toThrow(/audience/i);

    // cognito-local says InvalidPasswordException where Cognito says NotAuthorizedException (DESIGN.md).
    await expect(pool.signIn('user@example.com', 'wrong-password')).rejects.toThrow(/password|not authorized/i);
  });

  it('refreshes tokens with GetTokensFromRefreshToken through the shim (cognito-local alone cannot)', async () => {
    const { RefreshToken } = await pool.signIn('admin@example.com', 'Admin-passw0rd');
    const command = () => new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken });

    await expect(localCognitoClient(cognito.upstreamEndpoint).send(command())).rejects.toThrow(/unsupported|GetTokensFromRefreshToken/i);

    const refreshed = await localCognitoClient(cognito.endpoint).send(command());
    const result = refreshed.AuthenticationResult;
    expect(result?.TokenType).toBe('Bearer');
    expect(result?.ExpiresIn).toBeGreaterThan(0);
    expect(result?.IdToken).toBeTruthy();
    const verifier = await createLocalJwtVerifier({ cognitoEndpoint: cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId });
    const payload = await verifier.verify(result!.IdToken!);
    expect(payload['cognito:groups']).toEqual(['admins']);

    // A bad refresh token is refused, and missing fields name the field at fault.
    await expect(
      localCognitoClient(cognito.endpoint).send(new GetTokensFromRefreshTokenCommand({ ClientId: pool.clientId, RefreshToken: 'not-a-token' })),
    ).rejects.toThrow();
    const missing = await fetch(cognito.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken' },
      body: JSON.stringify({ ClientId: pool.clientId }),
    });
    expect(missing.status).toBe(400);
    expect((await missing.json()).message).toContain("'refreshToken'");
  });

  it('passes everything else through unchanged (InitiateAuth, JWKS, CORS preflight)', async () => {
    const answer = await localCognitoClient(cognito.endpoint).send(
      new InitiateAuthCommand({
        ClientId: pool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'user@example.com', PASSWORD: 'User-passw0rd' },
      }),
    );
    expect(answer.AuthenticationResult?.IdToken).toBeTruthy();
    const jwks = await (await fetch(pool.jwksUri)).json();
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: 'CognitoLocal' });
    const preflight = await fetch(cognito.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-amz-target,content-type' },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
