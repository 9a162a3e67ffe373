// The coins path end to end on the full local stack (startStack: DynamoDB Local, the server, the stream
// poller, the rewards and notifier functions, the real-time endpoint): a liker's likePost → the like item in
// the stream → rewards credits the author in one transaction → notifier publishes over SigV4 →
// onNotification delivers to the author's WebSocket. Latency = notification arrival − likePost sent, p50/p99,
// with the stream poll interval `npm start` uses (200 ms).
//   BENCH_LIKES=30 npx tsx test/bench/run.ts coins
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { api } from '../../infra/api/index.js';
import { freePorts } from '../../infra/local/services/ports.js';
import { localDynamoDBClient } from '../../infra/local/services/dynamodb.js';
import { startStack, type Stack } from '../../infra/local/start.js';
import { postGraphQL } from './lib/http.js';
import { subscribe } from './lib/realtime-client.js';
import { round, summarize } from './lib/stats.js';

const LIKES = Number(process.env.BENCH_LIKES ?? 30);
const PASSWORD = 'Passw0rd!bench';
const NOTIFICATION = 'subscription N($u: ID!) { onNotification(userId: $u) { id userId kind message postId actorId actorHandle amount balance read createdAt } }';

export async function run(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-coins-'));
  const [appsync, dynamodb, s3, cognito] = await freePorts(4);
  let stack: Stack | undefined;
  const logs: string[] = [];
  try {
    stack = await startStack({ dataDir, ports: { appsync, dynamodb, s3, cognito }, inMemoryDynamoDB: true, web: false, scheduleTimers: false, log: (l) => logs.push(l) });
    const s = stack;
    const user = async (email: string, handle: string) => {
      const { sub } = await s.pool.createUser(email, PASSWORD);
      const token = (await s.pool.signIn(email, PASSWORD)).IdToken;
      const answer = await postGraphQL(s.graphqlUrl, { query: 'mutation P($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', variables: { input: { handle } } }, { authorization: token });
      if (answer.errors) throw new Error(`updateProfile: ${JSON.stringify(answer.errors)}`);
      return { sub, token };
    };
    const author = await user('author@bench.example', 'bench_author');
    const liker = await user('liker@bench.example', 'bench_liker');

    // approved posts written straight to the table (uploads and moderation are not what this measures)
    const table = `${api.name}-main`; // startStack names tables <api>-<logical>
    const client = localDynamoDBClient(s.services.dynamodb.endpoint);
    const posts: string[] = [];
    const items = Array.from({ length: LIKES }, (_, i) => {
      const id = ulid();
      posts.push(id);
      const createdAt = new Date(Date.now() - i * 1000).toISOString();
      return {
        PK: `POST#${id}`, SK: 'POST', type: 'post', id, authorId: author.sub, authorHandle: 'bench_author', caption: `bench ${i}`,
        media: { width: 1080, height: 1080, placeholder: 'data:image/webp;base64,AAAA', variants: [{ width: 640, height: 640, key: `media/${id}/640.webp` }] },
        status: 'APPROVED', likeCount: 0, commentCount: 0, reportCount: 0, createdAt,
        feedPK: 'FEED', feedSK: `${createdAt}#${id}`, authorPK: `USER#${author.sub}`, authorSK: `APPROVED#${id}`,
      };
    });
    for (let i = 0; i < items.length; i += 25) {
      await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: items.slice(i, i + 25).map((it) => ({ PutRequest: { Item: marshall(it) } })) } }));
    }
    client.destroy();
    await s.settle(60_000); // the post credits (+10 each) and their notifications happen before we listen

    const host = new URL(s.graphqlUrl).host;
    const arrivals = new Map<string, { at: number; kind: string; amount: number }[]>();
    const sub = await subscribe(s.realtimeUrl, { host, Authorization: author.token }, { query: NOTIFICATION, variables: { u: author.sub } }, (data, at) => {
      const n = data.onNotification as { postId?: string; kind: string; amount?: number };
      if (!n.postId) return;
      arrivals.set(n.postId, [...(arrivals.get(n.postId) ?? []), { at, kind: n.kind, amount: n.amount ?? 0 }]);
    });

    const latencies: number[] = [];
    const mutationMs: number[] = [];
    const messagesPerLike: number[] = [];
    for (const postId of posts) {
      const t0 = performance.now();
      const answer = await postGraphQL(s.graphqlUrl, { query: 'mutation L($id: ID!) { likePost(postId: $id) { postId likeCount commentCount liked } }', variables: { id: postId } }, { authorization: liker.token });
      mutationMs.push(performance.now() - t0);
      if (answer.errors) throw new Error(`likePost: ${JSON.stringify(answer.errors)}`);
      const deadline = Date.now() + 15_000;
      while (!arrivals.get(postId)?.some((n) => n.amount > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const coin = arrivals.get(postId)?.find((n) => n.amount > 0);
      if (!coin) throw new Error(`no coins notification for post ${postId} within 15 s (dead letters: ${JSON.stringify(s.deadLetters)})`);
      latencies.push(coin.at - t0);
      await new Promise((r) => setTimeout(r, 100)); // let any further notification of this like arrive before counting
      messagesPerLike.push(arrivals.get(postId)!.length);
    }
    sub.close();
    const wallet = await postGraphQL<{ wallet: { balance: number } }>(s.graphqlUrl, { query: '{ wallet { balance lifetimeEarned earnedToday } }' }, { authorization: author.token });
    return {
      method: `full local stack (startStack, stream poll 200 ms), ${LIKES} likes by one user on ${LIKES} approved posts of another, one after another; latency = onNotification (coins) arrival on the author's WebSocket − likePost sent`,
      likeToCoinsMs: summarize(latencies),
      likePostMutationMs: summarize(mutationMs),
      notificationsPerLike: round(messagesPerLike.reduce((a, b) => a + b, 0) / messagesPerLike.length, 2),
      authorWallet: wallet.data?.wallet,
    };
  } finally {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(JSON.stringify(await run(), null, 2) + '\n');
}
