// The server's auth: which mode a request is in (and whether its credentials hold), and which modes
// the schema's @aws_* directives let read each field — on the real schema.graphql.
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { JwtExpiredError, JwtParseError } from 'aws-jwt-verify/error';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAuthRules, createAuthenticator, type AuthContext, type AuthRequest } from '../../../infra/local/server/auth.js';
import { RequestError } from '../../../infra/local/server/errors.js';
import { buildAppSyncSchema } from '../../../infra/local/server/schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const schema = buildAppSyncSchema({ builtinsFile: path.join(root, 'infra/appsync-builtins.graphql'), schemaFile: path.join(root, 'schema.graphql') });
const rules = buildAuthRules(schema, 'AMAZON_COGNITO_USER_POOLS');

const cognitoUser = (groups: string[] | null = null): AuthContext => ({
  mode: 'AMAZON_COGNITO_USER_POOLS',
  identity: { sub: 'u1', issuer: 'iss', username: 'u1', claims: {}, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups },
});
const apiKey: AuthContext = { mode: 'API_KEY', identity: null };
const iam: AuthContext = {
  mode: 'AWS_IAM',
  identity: { accountId: '1', cognitoIdentityPoolId: null, cognitoIdentityId: null, sourceIp: [], username: 'k', userArn: 'arn', cognitoIdentityAuthType: null, cognitoIdentityAuthProvider: null },
};
const user = cognitoUser();
const admin = cognitoUser(['admins']);

describe('directive rules (schema.graphql)', () => {
  const cases: Array<[string, string, { apiKey: boolean; user: boolean; admin: boolean; iam: boolean }]> = [
    // field directives listing modes
    ['Query', 'feed', { apiKey: true, user: true, admin: true, iam: false }],
    // no directive on the field nor on Query: the default mode (Cognito) only
    ['Query', 'myPosts', { apiKey: false, user: true, admin: true, iam: false }],
    // cognito_groups: admins only
    ['Query', 'moderationQueue', { apiKey: false, user: false, admin: true, iam: false }],
    ['Mutation', 'moderatePost', { apiKey: false, user: false, admin: true, iam: false }],
    // IAM-only publish mutation
    ['Mutation', 'publishNotification', { apiKey: false, user: false, admin: false, iam: true }],
    // a field without directives takes its type's
    ['Post', 'caption', { apiKey: true, user: true, admin: true, iam: true }],
    // a field directive replaces the type's
    ['Post', 'reportCount', { apiKey: false, user: false, admin: true, iam: false }],
    ['Notification', 'message', { apiKey: false, user: true, admin: true, iam: true }],
    // a type without directives: default mode
    ['Upload', 'status', { apiKey: false, user: true, admin: true, iam: false }],
    ['Wallet', 'balance', { apiKey: false, user: true, admin: true, iam: false }],
    ['Subscription', 'onModerationEvent', { apiKey: false, user: false, admin: true, iam: false }],
    ['Subscription', 'onPostCounts', { apiKey: true, user: true, admin: true, iam: false }],
  ];
  for (const [type, field, want] of cases) {
    it(`${type}.${field}: api key ${want.apiKey}, user ${want.user}, admin ${want.admin}, iam ${want.iam}`, () => {
      expect(rules.allows(apiKey, type, field)).toBe(want.apiKey);
      expect(rules.allows(user, type, field)).toBe(want.user);
      expect(rules.allows(admin, type, field)).toBe(want.admin);
      expect(rules.allows(iam, type, field)).toBe(want.iam);
    });
  }

  it('introspection fields are not governed by directives', () => {
    expect(rules.allows(apiKey, 'Query', '__typename')).toBe(true);
    expect(rules.allows(apiKey, '__Schema', 'types')).toBe(true);
  });
});

// ---------- authentication ----------

const CREDS = { accessKeyId: 'AKIALOCAL', secretAccessKey: 'local-secret' };
const NOW = new Date('2026-11-22T10:00:00Z');

function authenticator(cognito?: (token: string) => Promise<Record<string, unknown>>) {
  return createAuthenticator({
    defaultMode: 'AMAZON_COGNITO_USER_POOLS',
    additionalModes: ['API_KEY', 'AWS_IAM'],
    apiKeys: ['key-1'],
    cognito: cognito ? { verify: cognito } : undefined,
    iam: { credentials: [{ ...CREDS, accountId: '111122223333' }] },
    now: () => NOW,
  });
}

const req = (headers: Record<string, string>, body = '{}'): AuthRequest => ({ headers, method: 'POST', path: '/graphql', body });

async function failure(p: Promise<unknown>): Promise<RequestError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  return err as RequestError;
}

async function signed(body: string, opts: { secret?: string; date?: Date; host?: string } = {}): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: 'appsync',
    region: 'us-east-1',
    sha256: Sha256,
    credentials: { accessKeyId: CREDS.accessKeyId, secretAccessKey: opts.secret ?? CREDS.secretAccessKey },
  });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    port: 4000,
    path: '/graphql',
    headers: { host: opts.host ?? '127.0.0.1:4000', 'content-type': 'application/json' },
    body,
  });
  const out = await signer.sign(request, { signingDate: opts.date ?? NOW });
  return out.headers as Record<string, string>;
}

describe('authenticate', () => {
  it('x-api-key with a configured key → API_KEY, no identity', async () => {
    await expect(authenticator()(req({ 'x-api-key': 'key-1' }))).resolves.toEqual({ mode: 'API_KEY', identity: null });
  });

  it('a wrong API key → 401 UnauthorizedException', async () => {
    const err = await failure(authenticator()(req({ 'x-api-key': 'nope' })));
    expect(err.status).toBe(401);
    expect(err.body()).toEqual({ errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] });
  });

  it('no credentials at all → 401', async () => {
    const err = await failure(authenticator()(req({})));
    expect(err.status).toBe(401);
    expect(err.errorType).toBe('UnauthorizedException');
  });

  it('an API key when the API does not enable API_KEY → 401', async () => {
    const onlyCognito = createAuthenticator({ defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: [], apiKeys: ['key-1'] });
    expect((await failure(onlyCognito(req({ 'x-api-key': 'key-1' })))).status).toBe(401);
  });

  it('a verified Cognito token → identity with sub, username, groups and claims', async () => {
    const claims = { sub: 's-1', iss: 'http://127.0.0.1/pool', 'cognito:username': 'alice', 'cognito:groups': ['admins'] };
    const auth = await authenticator(async (token) => {
      expect(token).toBe('tok');
      return claims;
    })(req({ authorization: 'tok' }, '{}'));
    expect(auth.mode).toBe('AMAZON_COGNITO_USER_POOLS');
    expect(auth.identity).toMatchObject({ sub: 's-1', username: 'alice', issuer: claims.iss, groups: ['admins'], claims, defaultAuthStrategy: 'ALLOW' });
  });

  it('Cognito tokens: expired → "Token has expired.", garbage → "Unable to parse JWT token."', async () => {
    const expired = await failure(authenticator(async () => Promise.reject(new JwtExpiredError('expired', 1, 'now')))(req({ authorization: 'x' })));
    expect(expired.message).toBe('Token has expired.');
    const garbage = await failure(authenticator(async () => Promise.reject(new JwtParseError('bad')))(req({ authorization: 'x' })));
    expect(garbage.message).toBe('Unable to parse JWT token.');
    expect(garbage.status).toBe(401);
  });

  it('a SigV4-signed request with configured credentials → AWS_IAM identity', async () => {
    const body = JSON.stringify({ query: 'mutation { x }' });
    const auth = await authenticator()(req(await signed(body), body));
    expect(auth.mode).toBe('AWS_IAM');
    expect(auth.identity).toMatchObject({ accountId: '111122223333', username: 'AKIALOCAL', cognitoIdentityPoolId: null });
  });

  it('SigV4: a changed body, a wrong secret or a different host fails the signature (403)', async () => {
    const body = JSON.stringify({ query: 'mutation { x }' });
    const tampered = await failure(authenticator()(req(await signed(body), body.replace('x', 'y'))));
    expect([tampered.status, tampered.errorType]).toEqual([403, 'InvalidSignatureException']);
    const wrongSecret = await failure(authenticator()(req(await signed(body, { secret: 'other' }), body)));
    expect(wrongSecret.errorType).toBe('InvalidSignatureException');
    const headers = await signed(body);
    const otherHost = await failure(authenticator()(req({ ...headers, host: 'evil:1' }, body)));
    expect(otherHost.errorType).toBe('InvalidSignatureException');
  });

  it('SigV4: an unknown access key → UnrecognizedClientException; a stale x-amz-date → signature expired', async () => {
    const body = '{}';
    const headers = await signed(body);
    const unknown = await failure(authenticator()(req({ ...headers, authorization: headers.authorization.replace('AKIALOCAL', 'AKIAOTHER') }, body)));
    expect(unknown.errorType).toBe('UnrecognizedClientException');
    const stale = await failure(authenticator()(req(await signed(body, { date: new Date(NOW.getTime() - 6 * 60_000) }), body)));
    expect(stale.message).toMatch(/Signature expired/);
  });
});
