// The feed and the cheap-access-pattern promise (docs/data-model.md): DynamoDB requests and consumed capacity
// per feed page of 20 (ReturnConsumedCapacity, counted by an SDK middleware on the data source's client) and
// p50/p99 latency of a page against DynamoDB Local with seeded approved posts, through the real API
// description, resolvers and server. Also the DynamoDB cost of the other per-user actions the cost model
// needs (likedPosts for a page, likePost, addComment), each measured the same way.
// The server runs in this process (the middleware must sit on its client); requests go one at a time, so the
// latency is a page's, not a throughput figure.
//   BENCH_FEED_POSTS=300 BENCH_FEED_PAGES=300 npx tsx test/bench/run.ts feed
import { BatchWriteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ulid } from 'ulid';
import { api } from '../../infra/api/index.js';
import { createAppSyncServer } from '../../infra/local/server/app.js';
import { localDynamoDBClient } from '../../infra/local/services/dynamodb.js';
import { createTable } from '../../infra/local/tables.js';
import { countCapacity, type CapacityLog } from './lib/capacity.js';
import { startBenchDynamoDB } from './lib/dynamodb.js';
import { postGraphQL } from './lib/http.js';
import { round, summarize } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const POSTS = Number(process.env.BENCH_FEED_POSTS ?? 300);
const PAGES = Number(process.env.BENCH_FEED_PAGES ?? 300);
const TABLE = 'bench-feed-main';
const API_KEY = 'bench-key';

// what the web app asks for (web/src/api/operations/posts.graphql)
const FEED = `query Feed($limit: Int, $nextToken: String) { feed(limit: $limit, nextToken: $nextToken) { items { id authorId authorHandle caption status likeCount commentCount createdAt moderationNote media { width height placeholder variants { width height url } } } nextToken } }`;

/** An approved post as the image + moderation functions leave it (4 WebP widths, a ~600-byte placeholder). */
function postItem(i: number, author: string): Record<string, unknown> {
  const id = ulid(Date.now() - (POSTS - i) * 60_000);
  const createdAt = new Date(Date.now() - (POSTS - i) * 60_000).toISOString();
  const widths = [320, 640, 1080, 1440];
  return {
    PK: `POST#${id}`, SK: 'POST', type: 'post', id, authorId: author, authorHandle: `user${i % 7}`,
    caption: `A benchmark post number ${i}, with a caption of ordinary length #feed`,
    media: { width: 1080, height: 1350, placeholder: `data:image/webp;base64,${'A'.repeat(600)}`, variants: widths.map((w) => ({ width: w, height: Math.round(w * 1.25), key: `media/${id}/${w}.webp` })) },
    status: 'APPROVED', likeCount: i % 13, commentCount: i % 5, reportCount: 0, createdAt,
    feedPK: 'FEED', feedSK: `${createdAt}#${id}`, authorPK: `USER#${author}`, authorSK: `APPROVED#${id}`,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const ddb = await startBenchDynamoDB();
  const client = localDynamoDBClient(ddb.endpoint);
  const capacity = countCapacity(client);
  let server: Awaited<ReturnType<typeof createAppSyncServer>> | undefined;
  try {
    await createTable(ddb.client, api.tables.main, TABLE);
    const authors = ['author-1', 'author-2', 'author-3'];
    const items = Array.from({ length: POSTS }, (_, i) => postItem(i, authors[i % 3]));
    for (let i = 0; i < items.length; i += 25) {
      await ddb.client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: items.slice(i, i + 25).map((it) => ({ PutRequest: { Item: marshall(it) } })) } }));
    }
    const itemBytes = Buffer.byteLength(JSON.stringify(items[0]));
    // a viewer's profile, so addComment finds a handle
    await ddb.client.send(new PutItemCommand({ TableName: TABLE, Item: marshall({ PK: 'USER#viewer', SK: 'PROFILE', type: 'profile', id: 'viewer', handle: 'viewer', postCount: 0, createdAt: new Date().toISOString() }) }));

    server = await createAppSyncServer({
      api,
      repoRoot: root,
      apiKeys: [API_KEY],
      // Cognito stands in as a verifier that accepts `user:<sub>` tokens: this bench measures DynamoDB, not JWTs
      cognito: {
        async verify(token: string) {
          const sub = /^user:(.+)$/.exec(token)?.[1];
          if (!sub) throw new Error('bad token');
          return { sub, 'cognito:username': sub, 'cognito:groups': [], iss: 'https://cognito-idp.us-east-1.amazonaws.com/local', token_use: 'id', aud: 'bench', exp: Math.floor(Date.now() / 1000) + 3600 };
        },
      },
      dynamodb: client,
      resources: { tables: { main: TABLE }, buckets: { media: 'media' }, bucketUrls: { media: 'https://d111111abcdef8.cloudfront.net' } },
      log: (line) => process.stderr.write(`${line}\n`),
    });
    const url = server.url;
    const gql = async (body: unknown, auth: Record<string, string>) => {
      const t0 = performance.now();
      const answer = await postGraphQL(url, body, auth);
      const ms = performance.now() - t0;
      if (answer.errors) throw new Error(`bench feed: ${JSON.stringify(answer.errors)}`);
      return { answer, ms, cap: capacity.take() };
    };

    // warm-up: resolvers load, connections open
    for (let i = 0; i < 20; i += 1) await gql({ query: FEED, variables: { limit: 20 } }, { 'x-api-key': API_KEY });

    const latencies: number[] = [];
    const perPage: CapacityLog[] = [];
    let nextToken: string | null = null;
    let pageItems = 0;
    let emptyMidFeed = 0;
    let emptyEndOfFeed = 0;
    for (let i = 0; i < PAGES; i += 1) {
      const { answer, ms, cap } = await gql({ query: FEED, variables: { limit: 20, nextToken } }, { 'x-api-key': API_KEY });
      const feed = (answer.data as { feed: { items: unknown[]; nextToken: string | null } }).feed;
      latencies.push(ms);
      perPage.push(cap);
      pageItems += feed.items.length;
      // DynamoDB returns a LastEvaluatedKey when a page ends exactly at the last item: one empty end page
      if (!feed.items.length && feed.nextToken === null) emptyEndOfFeed += 1;
      else if (!feed.items.length) emptyMidFeed += 1;
      nextToken = feed.nextToken; // walk the feed; start over at its end
    }
    const firstPage = await gql({ query: FEED, variables: { limit: 20 } }, { 'x-api-key': API_KEY });
    const ids = (firstPage.answer.data as { feed: { items: Array<{ id: string }> } }).feed.items.map((p) => p.id);

    // the signed-in feed also asks which of the page's posts the viewer liked
    const user = { authorization: 'user:viewer' };
    const liked = await gql({ query: 'query L($ids: [ID!]!) { likedPosts(postIds: $ids) }', variables: { ids } }, user);
    const like = await gql({ query: 'mutation L($id: ID!) { likePost(postId: $id) { postId likeCount commentCount liked } }', variables: { id: ids[1] } }, user);
    const comment = await gql({ query: 'mutation C($input: AddCommentInput!) { addComment(input: $input) { id postId authorId authorHandle text createdAt } }', variables: { input: { postId: ids[2], text: 'Lovely colours' } } }, user);

    const requests = perPage.map((p) => p.requests);
    const units = perPage.map((p) => p.readUnits);
    const action = (c: CapacityLog) => ({ requests: c.requests, byCommand: c.byCommand, readUnits: round(c.readUnits, 2), writeUnits: round(c.writeUnits, 2) });
    return {
      method: `${POSTS} approved posts (~${itemBytes} B each) in DynamoDB Local; ${PAGES} feed pages of 20 walked one after another (API key) through the real description/resolvers/server in this process; ReturnConsumedCapacity TOTAL on every data source call`,
      pageLatencyMs: summarize(latencies),
      ofWhichDynamoDBLocalMs: summarize(perPage.map((p) => p.dynamodbMs)),
      dynamodbRequestsPerPage: { min: Math.min(...requests), max: Math.max(...requests) },
      readUnitsPerPage: { min: round(Math.min(...units), 2), max: round(Math.max(...units), 2), mean: round(units.reduce((s, v) => s + v, 0) / units.length, 2) },
      commandsPerPage: perPage[0].byCommand,
      postsPerPage: round(pageItems / PAGES, 1),
      emptyMidFeedPages: emptyMidFeed,
      emptyEndOfFeedPages: emptyEndOfFeed,
      note: 'DynamoDB Local reports 0 units for keys that do not exist; AWS bills such reads at least 0.5 RRU each. Write units include the GSI copies (feed and byAuthor project ALL).',
      perAction: {
        feedPage: action(perPage[0]),
        likedPostsForPage: action(liked.cap),
        likePost: action(like.cap),
        addComment: action(comment.cap),
      },
    };
  } finally {
    await server?.close();
    client.destroy();
    await ddb.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(JSON.stringify(await run(), null, 2) + '\n');
}
