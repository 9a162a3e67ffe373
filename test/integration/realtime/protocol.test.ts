// The AppSync real-time protocol over a real WebSocket (raw `ws` client): both auth forms, ka, start_ack,
// data, stop/complete, and bad frames answered with `error` while the server stays up. The host here
// authenticates with a fixed API key and a stand-in token check; the full stack (server auth, resolvers,
// aws-amplify) is exercised in amplify.test.ts.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openFrames } from '../../support/ws-frames.js';
import { attachRealtime, type Realtime, type RealtimeHost } from '../../../infra/local/realtime/index.js';

const schema = buildSchema(readFileSync('infra/appsync-builtins.graphql', 'utf8') + readFileSync('schema.graphql', 'utf8'));
const API_KEY = 'da2-localtestkey';

const host: RealtimeHost = {
  schema,
  async authenticate(headers) {
    if (headers['x-api-key'] === API_KEY) return { mode: 'API_KEY', identity: null, headers };
    const token = headers.Authorization ?? headers.authorization;
    if (token?.startsWith('user:')) {
      const sub = token.slice(5);
      return {
        mode: 'AMAZON_COGNITO_USER_POOLS',
        identity: { sub, issuer: 'local', username: sub, claims: { sub }, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
        headers,
      };
    }
    return null;
  },
  canAccess: (type, field, auth) => !(type === 'Subscription' && field === 'onNotification' && auth.mode === 'API_KEY'),
  async subscribe({ field, args, auth }) {
    if (field !== 'onNotification') return {};
    const sub = (auth.identity as { sub: string }).sub;
    if (args.userId !== sub) return { error: { errorType: 'Unauthorized', message: 'Not Authorized to access onNotification on type Subscription' } };
    return { filter: { filterGroup: [{ filters: [{ fieldName: 'userId', operator: 'eq', value: sub }] }] } };
  },
};

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64');
const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

let server: Server;
let realtime: Realtime;
let base: string;

/** A raw client that queues incoming frames so tests can await them in order. */
async function connect(url: string, protocols: string[] = ['graphql-ws']) {
  const client = await openFrames(url, protocols);
  /** next message that is not a keep-alive */
  const nextNonKa = async (): Promise<any> => {
    for (;;) {
      const m = await client.next();
      if (m.type !== 'ka') return m;
    }
  };
  return { ...client, nextNonKa };
}

const apiKeyHeader = () => ({ host: 'local', 'x-api-key': API_KEY });
const start = (id: string, query: string, variables: object, authorization: object) => ({
  id,
  type: 'start',
  payload: { data: JSON.stringify({ query, variables }), extensions: { authorization } },
});

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  realtime = attachRealtime(server, host, { keepAliveMs: 100 });
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql/realtime`;
});
afterAll(async () => {
  await realtime?.close();
  await new Promise((r) => server?.close(r));
});

describe('AppSync real-time protocol', () => {
  it('accepts the base64 header query parameter: ack with connectionTimeoutMs, then keep-alives', async () => {
    const c = await connect(`${base}?header=${b64(apiKeyHeader())}&payload=e30=`);
    expect(c.ws.protocol).toBe('graphql-ws');
    c.send({ type: 'connection_init' });
    expect(await c.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(await c.next()).toEqual({ type: 'ka' });
    expect(await c.next(1000)).toEqual({ type: 'ka' }); // the interval (100 ms here)
    c.ws.close();
  });

  it('accepts aws-amplify v6 header-<base64url> subprotocol; start → start_ack → data → stop → complete', async () => {
    const c = await connect(base, ['graphql-ws', `header-${b64url(apiKeyHeader())}`]);
    c.send({ type: 'connection_init' });
    expect((await c.nextNonKa()).type).toBe('connection_ack');
    c.send(start('s1', 'subscription S($p: ID!) { onPostCounts(postId: $p) { postId likeCount } }', { p: 'p1' }, apiKeyHeader()));
    expect(await c.nextNonKa()).toEqual({ type: 'start_ack', id: 's1' });

    expect(realtime.publish('likePost', { postId: 'p2', likeCount: 9 })).toBe(0); // argument filter
    expect(realtime.publish('likePost', { postId: 'p1', likeCount: 3, commentCount: 0, liked: true })).toBe(1);
    expect(await c.nextNonKa()).toEqual({ type: 'data', id: 's1', payload: { data: { onPostCounts: { postId: 'p1', likeCount: 3 } } } });

    c.send({ type: 'stop', id: 's1' });
    expect(await c.nextNonKa()).toEqual({ type: 'complete', id: 's1' });
    expect(realtime.publish('likePost', { postId: 'p1', likeCount: 4 })).toBe(0);
    c.ws.close();
  });

  it('refuses a connection without or with bad auth: connection_error 401, then closes', async () => {
    for (const url of [base, `${base}?header=${b64({ host: 'local', 'x-api-key': 'wrong' })}&payload=e30=`, `${base}?header=%%%`]) {
      const c = await connect(url);
      const closed = new Promise<number>((r) => c.ws.once('close', (code) => r(code)));
      c.send({ type: 'connection_init' });
      expect(await c.next()).toEqual({
        type: 'connection_error',
        payload: { errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.', errorCode: 401 }] },
      });
      expect(await closed).toBe(1000);
    }
  });

  it('refuses a connection without the graphql-ws subprotocol', async () => {
    const c = await connect(`${base}?header=${b64(apiKeyHeader())}&payload=e30=`, []);
    c.send({ type: 'connection_init' });
    expect(await c.next()).toMatchObject({ type: 'connection_error', payload: { errors: [{ errorType: 'SubProtocolNotSupportedError', errorCode: 400 }] } });
  });

  it('answers bad frames and bad starts with error messages and keeps serving', async () => {
    const c = await connect(`${base}?header=${b64(apiKeyHeader())}&payload=e30=`);
    c.send({ type: 'connection_init' });
    expect((await c.nextNonKa()).type).toBe('connection_ack');

    c.send('{not json');
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'BadRequestException' }] } });
    c.send({ type: 'subscribe', id: 'x' });
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'subscribe not supported through the realtime channel' }] } });
    c.send(start('q1', '{ feed { nextToken } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'q1', payload: { errors: [{ errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' }] } });
    c.send(start('v1', 'subscription { onPostCounts(postId: "p") { nope } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'v1', payload: { errors: [{ errorType: 'ValidationError', message: expect.stringMatching(/nope/) }] } });
    c.send(start('v2', 'subscription S($p: ID!) { onPostCounts(postId: $p) { postId } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'v2', payload: { errors: [{ errorType: 'ValidationError', message: expect.stringMatching(/\$p/) }] } });
    c.send(start('a1', 'subscription { onPostCounts(postId: "p") { postId } }', {}, { host: 'local', 'x-api-key': 'wrong' }));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'a1', payload: { errors: [{ errorType: 'UnauthorizedException' }] } });
    c.send(start('a2', 'subscription { onNotification(userId: "u1") { id } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'a2', payload: { errors: [{ errorType: 'Unauthorized', message: 'Not Authorized to access onNotification on type Subscription' }] } });

    // still alive: a good start works, and a duplicate id is refused
    c.send(start('ok', 'subscription { onPostCounts(postId: "p") { postId } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toEqual({ type: 'start_ack', id: 'ok' });
    c.send(start('ok', 'subscription { onPostCounts(postId: "p") { postId } }', {}, apiKeyHeader()));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'ok', payload: { errors: [{ errorType: 'DuplicatedOperationError' }] } });
    c.ws.close();
  });

  it('runs the subscription resolver per start: own id accepted with its filter, another id refused', async () => {
    const c = await connect(base, ['graphql-ws', `header-${b64url({ host: 'local', Authorization: 'user:u1' })}`]);
    c.send({ type: 'connection_init' });
    expect((await c.nextNonKa()).type).toBe('connection_ack');
    const q = 'subscription N($u: ID!) { onNotification(userId: $u) { id userId message } }';
    c.send(start('mine', q, { u: 'u1' }, { host: 'local', Authorization: 'user:u1' }));
    expect(await c.nextNonKa()).toEqual({ type: 'start_ack', id: 'mine' });
    c.send(start('theirs', q, { u: 'u2' }, { host: 'local', Authorization: 'user:u1' }));
    expect(await c.nextNonKa()).toMatchObject({ type: 'error', id: 'theirs', payload: { errors: [{ errorType: 'Unauthorized' }] } });

    realtime.publish('publishNotification', { id: 'n0', userId: 'u2', message: 'not yours' });
    realtime.publish('publishNotification', { id: 'n1', userId: 'u1', message: 'hi', kind: 'COINS_EARNED' });
    expect(await c.nextNonKa()).toEqual({ type: 'data', id: 'mine', payload: { data: { onNotification: { id: 'n1', userId: 'u1', message: 'hi' } } } });
    c.ws.close();
  });

  it('drops a closed connection\'s subscriptions and closes all on shutdown', async () => {
    const c = await connect(`${base}?header=${b64(apiKeyHeader())}&payload=e30=`);
    c.send({ type: 'connection_init' });
    await c.nextNonKa();
    c.send(start('z', 'subscription { onPostCounts(postId: "pz") { postId } }', {}, apiKeyHeader()));
    await c.nextNonKa();
    expect(realtime.registry.list('onPostCounts').some((e) => e.id === 'z')).toBe(true);
    await new Promise<void>((r) => {
      c.ws.once('close', () => r());
      c.ws.close();
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(realtime.registry.list('onPostCounts').some((e) => e.id === 'z')).toBe(false);
  });

  it('404s other upgrade paths', async () => {
    const ws = new WebSocket(base.replace('/graphql/realtime', '/elsewhere'), ['graphql-ws']);
    const err = await new Promise<Error>((r) => ws.once('error', r));
    expect(err.message).toMatch(/404/);
  });
});
