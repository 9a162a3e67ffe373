// The whole real-time path with the real aws-amplify v6 client in Node, against the full local stack
// (startStack: DynamoDB Local, s3rver, cognito-local, the AppSync server, stream poller, real functions):
// two users subscribe to their notifications over the WebSocket; a like and a comment go through the
// API → table stream → rewards → NOTIF item → notifier → IAM-signed publishNotification → subscription.
// The right user — and only that user — receives; subscribing with someone else's id is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { localWebSocket } from '../../../infra/local/realtime/protocol.js';
import { demoImage, uploadImage } from '../../../infra/local/seed.js';
import { startStack, type Stack } from '../../../infra/local/start.js';
import { freePorts } from '../../../infra/local/services/index.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
// Node 20 has no global WebSocket; Amplify's real-time provider uses the global one — and always asks for
// wss://, so loopback URLs go through the local ws:// shim (what the web app does in local dev).
(globalThis as { WebSocket?: unknown }).WebSocket = localWebSocket(WebSocket);

const PASSWORD = 'Passw0rd!test';
const NOTIFICATION = /* GraphQL */ `
  subscription OnNotification($userId: ID!) {
    onNotification(userId: $userId) { id userId kind message postId actorId actorHandle amount balance read createdAt }
  }`;

let stack: Stack;
let dir: string;
const users: Record<'alice' | 'bob', { sub: string; idToken: string }> = {} as never;
let postId: string;

async function gql<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Collects a subscription's values and errors; `until` waits for a matching value. */
function collect(observable: { subscribe(o: { next(v: any): void; error(e: any): void }): { unsubscribe(): void } }) {
  const values: any[] = [];
  const errors: any[] = [];
  const sub = observable.subscribe({ next: (v) => values.push(v.data), error: (e) => errors.push(e) });
  const until = async (pred: (v: any) => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = values.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching value within ${timeoutMs} ms; got ${JSON.stringify(values)} errors ${JSON.stringify(errors)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { values, errors, until, unsubscribe: () => sub.unsubscribe() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amplify-rt-'));
  const [appsync, dynamodb, s3, cognito] = await freePorts(4);
  stack = await startStack({ dataDir: dir, ports: { appsync, dynamodb, s3, cognito }, inMemoryDynamoDB: true, web: false, scheduleTimers: false, pollMs: 50, log: () => {} });
  for (const name of ['alice', 'bob'] as const) {
    const email = `${name}@example.com`;
    const { sub } = await stack.pool.createUser(email, PASSWORD);
    const t = await stack.pool.signIn(email, PASSWORD);
    users[name] = { sub, idToken: t.IdToken };
    await gql(t.IdToken, 'mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }', { i: { handle: name } });
  }
  // Alice posts through the real media path, approved by moderation; her +10 lands before anyone subscribes
  const uploadId = await uploadImage(stack, users.alice.idToken, await demoImage(1));
  await stack.settle();
  postId = (await gql(users.alice.idToken, 'mutation($i: CreatePostInput!) { createPost(input: $i) { id } }', { i: { uploadId, caption: 'Test sunset' } })).createPost.id;
  await stack.settle();

  // the client is configured with exactly the file npm start writes; Alice signs in through Amplify itself
  Amplify.configure(stack.config);
  await signIn({ username: 'alice@example.com', password: PASSWORD, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
}, 180_000);

afterAll(async () => {
  await signOut().catch(() => undefined);
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('subscriptions with aws-amplify v6 against the local stack', () => {
  it('delivers likes and coins live to the right user only; another user id is refused', async () => {
    const client = generateClient();
    const session = await fetchAuthSession();
    expect(session.tokens?.idToken?.payload.sub).toBe(users.alice.sub);

    // Alice asking for Bob's notifications is refused by the subscription resolver (util.unauthorized).
    // Amplify answers an Unauthorized start by closing the shared socket to reconnect with fresh tokens,
    // so this goes first, on its own socket.
    const sneaky = collect(client.graphql({ query: NOTIFICATION, variables: { userId: users.bob.sub } }) as never);
    for (let i = 0; i < 100 && sneaky.errors.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(JSON.stringify(sneaky.errors)).toMatch(/errorType[^a-z]*Unauthorized/);
    for (let i = 0; i < 100 && stack.realtime.connectionCount() > 0; i += 1) await new Promise((r) => setTimeout(r, 50));

    // Alice, over Amplify's own userPool auth; Bob, on the same socket with his own start authorization
    const alice = collect(client.graphql({ query: NOTIFICATION, variables: { userId: users.alice.sub } }) as never);
    const bob = collect(client.graphql({ query: NOTIFICATION, variables: { userId: users.bob.sub } }, { Authorization: users.bob.idToken }) as never);
    for (let i = 0; i < 100 && stack.realtime.registry.list('onNotification').length < 2; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(stack.realtime.registry.list('onNotification')).toHaveLength(2);

    const likedAt = Date.now();
    await gql(users.bob.idToken, 'mutation($p: ID!) { likePost(postId: $p) { postId likeCount commentCount liked } }', { p: postId });
    const like = await alice.until((v) => v.onNotification.kind === 'LIKE_RECEIVED');
    const likeLatencyMs = Date.now() - likedAt;
    expect(like.onNotification).toMatchObject({ userId: users.alice.sub, postId, actorId: users.bob.sub, actorHandle: 'bob', amount: 2, balance: 12, read: false });

    await gql(users.bob.idToken, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { postId, text: 'Lovely!' } });
    const coins = await bob.until((v) => v.onNotification.kind === 'COINS_EARNED');
    expect(coins.onNotification).toMatchObject({ userId: users.bob.sub, amount: 5, balance: 5 });
    await stack.settle();
    await new Promise((r) => setTimeout(r, 300));

    // each saw only their own notifications; the sneaky subscription was refused and saw nothing
    expect(alice.values.every((v) => v.onNotification.userId === users.alice.sub)).toBe(true);
    expect(bob.values.every((v) => v.onNotification.userId === users.bob.sub)).toBe(true);
    expect(bob.values.some((v) => v.onNotification.kind === 'LIKE_RECEIVED')).toBe(false);
    expect(sneaky.values).toEqual([]);

    // the credit happened exactly once, visible in the wallet
    const wallet = await gql(users.alice.idToken, '{ wallet { balance lifetimeEarned } }');
    expect(wallet.wallet).toEqual({ balance: 12, lifetimeEarned: 12 });
    expect(stack.deadLetters.read()).toEqual([]);
    console.log(`like → notification over the WebSocket: ${likeLatencyMs} ms`);
    for (const s of [alice, bob, sneaky]) s.unsubscribe();
  }, 60_000);

  it('pushes live like counts to anonymous (API key) subscribers of that post only', async () => {
    const client = generateClient();
    const COUNTS = 'subscription C($p: ID!) { onPostCounts(postId: $p) { postId likeCount liked } }';
    const watcher = collect(client.graphql({ query: COUNTS, variables: { p: postId }, authMode: 'apiKey' }) as never);
    const other = collect(client.graphql({ query: COUNTS, variables: { p: 'some-other-post' }, authMode: 'apiKey' }) as never);
    await new Promise((r) => setTimeout(r, 500));
    await gql(users.bob.idToken, 'mutation($p: ID!) { unlikePost(postId: $p) { postId likeCount commentCount liked } }', { p: postId });
    const update = await watcher.until((v) => v.onPostCounts.likeCount === 0);
    expect(update.onPostCounts).toEqual({ postId, likeCount: 0, liked: false });
    expect(other.values).toEqual([]);
    watcher.unsubscribe();
    other.unsubscribe();
  }, 30_000);
});
