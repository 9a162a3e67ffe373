// The local AppSync server against the real local services (DynamoDB Local, cognito-local): real queries
// with every auth mode (API key, a Cognito user's id and access tokens, an admin, a SigV4-signed IAM call,
// bad credentials), AppSync's response/error shapes, directive enforcement and the request limits.
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import type { ApiDescription } from '../../../infra/api/types.js';
import { createAppSyncServer, type AppSyncServer, type AppSyncServerOptions, type MutationEvent } from '../../../infra/local/server/app.js';
import { createLocalJwtVerifier, localDynamoDBClient } from '../../../infra/local/services/index.js';
import { createTable } from '../../../infra/local/tables.js';
import { repoRoot } from '../../support/resolver-steps.js';
import { startServices, type TestServices } from '../../support/services.js';

const API_KEY = 'local-test-api-key';
const IAM = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' };
const TABLE = `server-it-${Date.now().toString(36)}`;

let services: TestServices;
let ddb: DynamoDBClient;
let server: AppSyncServer;
let options: AppSyncServerOptions;
const tokens: Record<'alice' | 'admin', { id: string; access: string }> = {} as never;
const subs: Record<string, string> = {};
const mutations: MutationEvent[] = [];

/** The description with only the resolvers whose files exist (others are still being written). */
function availableApi(): ApiDescription {
  const exists = (f: string) => existsSync(path.join(repoRoot, f));
  return {
    ...api,
    resolvers: api.resolvers.filter((r) => exists(r.file) && (r.kind === 'UNIT' || r.functions.every((f) => exists(f.file)))),
  };
}

type Gql = { status: number; body: any };

async function post(headers: Record<string, string>, body: unknown, url = server.url): Promise<Gql> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const withKey = (query: string, variables?: unknown) => post({ 'x-api-key': API_KEY }, { query, variables });
const asUser = (token: string, query: string, variables?: unknown) => post({ authorization: token }, { query, variables });

async function asIam(query: string, variables?: unknown, secret = IAM.secretAccessKey): Promise<Gql> {
  const body = JSON.stringify({ query, variables });
  const url = new URL(server.url);
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', sha256: Sha256, credentials: { ...IAM, secretAccessKey: secret } });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host, 'content-type': 'application/json' }, body }),
  );
  return post(signed.headers as Record<string, string>, body);
}

async function seedApprovedPost(id: string, authorSub: string): Promise<void> {
  const createdAt = '2026-11-22T10:00:00.000Z';
  await ddb.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: marshall({
        PK: `POST#${id}`,
        SK: 'POST',
        type: 'POST',
        id,
        authorId: authorSub,
        authorHandle: 'alice',
        caption: 'hello',
        media: { width: 640, height: 480, placeholder: 'data:image/webp;base64,AA', variants: [{ width: 320, height: 240, key: `media/${id}/320.webp` }] },
        status: 'APPROVED',
        likeCount: 0,
        commentCount: 0,
        reportCount: 0,
        createdAt,
        feedPK: 'FEED',
        feedSK: `${createdAt}#${id}`,
        authorPK: `USER#${authorSub}`,
        authorSK: `APPROVED#${id}`,
      }),
    }),
  );
}

beforeAll(async () => {
  services = await startServices();
  ddb = localDynamoDBClient(services.dynamodb.endpoint);
  await createTable(ddb, api.tables.main, TABLE);
  for (const [name, groups] of [['alice', []], ['admin', ['admins']]] as const) {
    const email = `${name}@example.com`;
    const { sub } = await services.cognito.createUser(email, 'Passw0rd!local', { groups: [...groups] });
    subs[name] = sub;
    const t = await services.cognito.signIn(email, 'Passw0rd!local');
    tokens[name] = { id: t.IdToken, access: t.AccessToken };
  }
  const pool = { cognitoEndpoint: services.cognito.endpoint, userPoolId: services.cognito.userPoolId, clientId: services.cognito.clientId };
  options = {
    api: availableApi(),
    repoRoot,
    apiKeys: [API_KEY],
    cognito: [await createLocalJwtVerifier(pool), await createLocalJwtVerifier({ ...pool, tokenUse: 'access' })],
    iamCredentials: [IAM],
    dynamodb: ddb,
    resources: { tables: { main: TABLE }, buckets: { media: 'media' }, bucketUrls: { media: `${services.s3.endpoint}/media` } },
    log: () => {},
  };
  server = await createAppSyncServer(options);
  server.onMutation((e) => mutations.push(e));
  await seedApprovedPost('p1', subs.alice);
});

afterAll(async () => {
  await server?.close();
  ddb?.destroy();
  await services?.stop();
});

const FEED = 'query Feed($limit: Int) { feed(limit: $limit) { items { id caption authorId status media { width variants { url } } } nextToken } }';

describe('local AppSync server over HTTP', () => {
  it('answers a health check on GET /graphql and 404 elsewhere', async () => {
    expect((await fetch(server.url)).status).toBe(200);
    expect((await fetch(server.url.replace('/graphql', '/nope'))).status).toBe(404);
  });

  it('CORS for the web app: preflight 204, and browser requests (with Origin) get allow-origin', async () => {
    const pre = await fetch(server.url, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const res = await fetch(server.url, { method: 'POST', headers: { origin: 'http://127.0.0.1:5173', 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('API key: the feed (a DynamoDB Query through the real resolver) with media URLs from ctx.env', async () => {
    const { status, body } = await withKey(FEED, { limit: 5 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.feed.items).toEqual([
      { id: 'p1', caption: 'hello', authorId: subs.alice, status: 'APPROVED', media: { width: 640, variants: [{ url: `${services.s3.endpoint}/media/media/p1/320.webp` }] } },
    ]);
    expect(body.data.feed.nextToken).toBeNull();
  });

  it('Cognito: the same query with an id token and with an access token', async () => {
    for (const token of [tokens.alice.id, tokens.alice.access]) {
      const { status, body } = await asUser(token, FEED);
      expect(status).toBe(200);
      expect(body.data.feed.items.map((p: { id: string }) => p.id)).toEqual(['p1']);
    }
  });

  it('a field the caller mode may not read is null + Unauthorized, and null bubbles to the nearest nullable parent', async () => {
    const { body } = await withKey('{ feed { items { id reportCount } } }');
    expect(body.data).toBeNull(); // reportCount: Int! → Post! → [Post!]! → feed: PostConnection! → data
    expect(body.errors).toEqual([
      {
        path: ['feed', 'items', 0, 'reportCount'],
        data: null,
        errorType: 'Unauthorized',
        errorInfo: null,
        locations: [{ line: 1, column: 21, sourceName: null }],
        message: 'Not Authorized to access reportCount on type Post',
      },
    ]);
    // an admin may read it
    const admin = await asUser(tokens.admin.id, '{ feed { items { id reportCount } } }');
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.feed.items[0]).toEqual({ id: 'p1', reportCount: 0 });
  });

  it('root fields: the default mode only where no directive; admins only where cognito_groups say so', async () => {
    const myPosts = await withKey('{ myPosts { items { id } } }');
    expect(myPosts.body.data).toBeNull();
    expect(myPosts.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access myPosts on type Query', path: ['myPosts'] });

    const queueAsUser = await asUser(tokens.alice.id, '{ moderationQueue { items { id } } }');
    expect(queueAsUser.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access moderationQueue on type Query' });
    const queueAsAdmin = await asUser(tokens.admin.id, '{ moderationQueue { items { id } } }');
    expect(queueAsAdmin.body.errors).toBeUndefined();
    expect(queueAsAdmin.body.data.moderationQueue.items).toEqual([]);

    // IAM may not read the feed (no @aws_iam on Query.feed)
    const feedAsIam = await asIam('{ feed { items { id } } }');
    expect(feedAsIam.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access feed on type Query' });
  });

  const PUBLISH = `mutation Publish($input: PublishNotificationInput!) {
    publishNotification(input: $input) { id userId kind message amount balance read createdAt }
  }`;
  const input = { id: 'n1', userId: 'u-1', kind: 'COINS_EARNED', message: '+10 coins', amount: 10, balance: 10, createdAt: '2026-11-22T10:00:00.000Z' };

  it('IAM (SigV4): the IAM-only publish mutation runs and reports a mutation event; a user may not call it', async () => {
    mutations.length = 0;
    const { status, body } = await asIam(PUBLISH, { input });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.publishNotification).toEqual({ id: 'n1', userId: 'u-1', kind: 'COINS_EARNED', message: '+10 coins', amount: 10, balance: 10, read: false, createdAt: input.createdAt });
    expect(mutations).toEqual([
      expect.objectContaining({
        fieldName: 'publishNotification',
        arguments: { input },
        data: body.data.publishNotification,
        selectionSetList: ['id', 'userId', 'kind', 'message', 'amount', 'balance', 'read', 'createdAt'],
      }),
    ]);

    mutations.length = 0;
    const asAlice = await asUser(tokens.alice.id, PUBLISH, { input });
    expect(asAlice.body.errors[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access publishNotification on type Mutation' });
    expect(mutations).toEqual([]);
  });

  it('bad credentials fail the whole request: 401 UnauthorizedException / 403 for a bad signature', async () => {
    const badKey = await post({ 'x-api-key': 'wrong' }, { query: FEED });
    expect(badKey).toEqual({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }] } });
    const none = await post({}, { query: FEED });
    expect(none.status).toBe(401);
    const garbage = await asUser('not-a-jwt', FEED);
    expect(garbage).toEqual({ status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'Unable to parse JWT token.' }] } });
    const forged = tokens.alice.id.slice(0, -4) + (tokens.alice.id.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await asUser(forged, FEED)).status).toBe(401);
    const badSig = await asIam(PUBLISH, { input }, 'not-the-secret');
    expect(badSig.status).toBe(403);
    expect(badSig.body.errors[0].errorType).toBe('InvalidSignatureException');
  });

  it('malformed requests: invalid JSON → 400, a validation error → data null + located error', async () => {
    const bad = await post({ 'x-api-key': API_KEY }, '{nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].errorType).toBe('MalformedHttpRequestException');
    const invalid = await withKey('{ feed { items { nope } } }');
    expect(invalid.status).toBe(200);
    expect(invalid.body.data).toBeNull();
    expect(invalid.body.errors[0]).toMatchObject({ path: null, locations: [{ line: 1, column: 18, sourceName: null }], message: expect.stringMatching(/nope/) });
  });

  it('resolver errors carry errorType and the field path (a validation error from the resolver)', async () => {
    const { body } = await withKey('{ feed(limit: 500) { items { id } } }');
    expect(body.data).toBeNull();
    expect(body.errors[0]).toMatchObject({ path: ['feed'], errorType: 'ValidationError', message: expect.stringMatching(/limit/) });
  });

  it('a body over the size limit → 413', async () => {
    const { status, body } = await withKey(`{ feed { items { id } } } # ${'x'.repeat(1024 * 1024)}`);
    expect(status).toBe(413);
    expect(body.errors[0].errorType).toBe('PayloadTooLargeException');
  });

  it('queryDepthLimit: fields deeper than the limit fail (null bubbles up); shallower queries run', async () => {
    const limited = await createAppSyncServer({ ...options, limits: { queryDepthLimit: 3 } });
    try {
      const deep = await post({ 'x-api-key': API_KEY }, { query: '{ feed { items { media { width } } } }' }, limited.url);
      expect(deep.body.data).toBeNull();
      expect(deep.body.errors[0]).toMatchObject({ path: ['feed', 'items', 0, 'media', 'width'], message: 'Query depth limit of 3 exceeded' });
      const shallow = await post({ 'x-api-key': API_KEY }, { query: '{ feed { items { id } } }' }, limited.url);
      expect(shallow.body.errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });
});
