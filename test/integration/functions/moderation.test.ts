// moderation function against real DynamoDB Local: PENDING → APPROVED (feed keys) or FLAGGED (queue keys) with the
// author's notification in the same transaction; idempotent on redelivery. Rules provider for real; the AWS
// provider with mocked Rekognition/Comprehend clients only.
import { startFunctionEnv, streamEvent, streamRecord, type FunctionTestEnv } from './env.js'; // first: quiets loggers
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleRecord, handler } from '../../../functions/moderation/handler.js';
import { createAwsProvider } from '../../../functions/moderation/providers/aws.js';
import { indexKeys, keys } from '../../../resolvers/lib/keys.js';

let env: FunctionTestEnv;
beforeAll(async () => {
  env = await startFunctionEnv('moderation');
  process.env.MODERATION_PROVIDER = 'rules';
});
afterAll(() => env?.stop());

let n = 0;
function pendingPost(caption: string, media = { width: 1200, height: 900 }) {
  const id = `post-${Date.now().toString(36)}-${(n += 1)}`;
  const authorId = `author-${n}`;
  return {
    ...keys.post(id),
    ...indexKeys.author(authorId, 'PENDING', id),
    type: 'POST',
    id,
    authorId,
    authorHandle: 'ann',
    caption,
    status: 'PENDING',
    likeCount: 0,
    commentCount: 0,
    reportCount: 0,
    createdAt: '2026-11-22T09:00:00.000Z',
    media: { ...media, placeholder: 'data:image/webp;base64,AAAA', variants: [{ width: 320, height: 240, key: `media/U${n}/320.webp` }, { width: 1080, height: 810, key: `media/U${n}/1080.webp` }] },
  };
}

async function insert(post: ReturnType<typeof pendingPost>) {
  await env.db.send(new PutCommand({ TableName: env.table, Item: post }));
  return streamRecord({ eventName: 'INSERT', newImage: post });
}
const stored = async (id: string) => (await env.db.send(new GetCommand({ TableName: env.table, Key: keys.post(id) }))).Item!;
const notifications = async (sub: string) =>
  (
    await env.db.send(
      new QueryCommand({
        TableName: env.table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
        ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':p': 'NOTIF#' },
      }),
    )
  ).Items ?? [];
const onIndex = async (index: 'feed' | 'queue', pk: string, id: string) =>
  (
    (
      await env.db.send(
        new QueryCommand({ TableName: env.table, IndexName: index, KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': pk } }),
      )
    ).Items ?? []
  ).some((item) => item.id === id);

describe('moderation function (DynamoDB Local, rules provider)', () => {
  it('approves a clean post: APPROVED, on the feed index, authorSK follows, author notified', async () => {
    const post = pendingPost('Sunset over the harbour, one link: https://example.com/me');
    const result = await handler(streamEvent(await insert(post)));
    expect(result.batchItemFailures).toEqual([]);
    const after = await stored(post.id);
    expect(after).toMatchObject({ status: 'APPROVED', feedPK: 'FEED', feedSK: `${post.createdAt}#${post.id}`, authorSK: `APPROVED#${post.id}` });
    expect(after.queuePK).toBeUndefined();
    expect(await onIndex('feed', 'FEED', post.id)).toBe(true);
    expect(await notifications(post.authorId)).toEqual([expect.objectContaining({ kind: 'POST_APPROVED', postId: post.id, read: false })]);
  });

  it('flags link spam: FLAGGED, in the queue, not on the feed, note and notification say why', async () => {
    const post = pendingPost('win now https://bit.ly/x and www.spam.example.com');
    await handler(streamEvent(await insert(post)));
    const after = await stored(post.id);
    expect(after).toMatchObject({ status: 'FLAGGED', queuePK: 'QUEUE', authorSK: `FLAGGED#${post.id}` });
    expect(after.queueSK).toMatch(new RegExp(`^\\d{4}-.*#${post.id}$`));
    expect(after.moderationNote).toMatch(/2 links.*shortener/);
    expect(after.feedPK).toBeUndefined();
    expect(await onIndex('queue', 'QUEUE', post.id)).toBe(true);
    expect(await onIndex('feed', 'FEED', post.id)).toBe(false);
    expect(await notifications(post.authorId)).toEqual([
      expect.objectContaining({ kind: 'POST_FLAGGED', message: expect.stringMatching(/link shortener/) }),
    ]);
  });

  it('is idempotent: a redelivered record, or a post an admin already decided, changes nothing', async () => {
    const post = pendingPost('hello');
    const record = await insert(post);
    await handler(streamEvent(record, record));
    await handler(streamEvent(record));
    expect(await notifications(post.authorId)).toHaveLength(1);

    const decided = pendingPost('casino night');
    const decidedRecord = await insert(decided);
    await env.db.send(new PutCommand({ TableName: env.table, Item: { ...decided, status: 'REJECTED' } }));
    expect((await handler(streamEvent(decidedRecord))).batchItemFailures).toEqual([]);
    expect((await stored(decided.id)).status).toBe('REJECTED');
    expect(await notifications(decided.authorId)).toEqual([]);
  });

  it('reports a post without media as a failed record (it goes to the dead-letter queue, not silently dropped)', async () => {
    const post = { ...pendingPost('no media'), media: undefined };
    const record = await insert(post as unknown as ReturnType<typeof pendingPost>);
    expect((await handler(streamEvent(record))).batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
  });
});

describe('moderation function with the AWS provider (Rekognition and Comprehend MOCKED, DynamoDB Local real)', () => {
  it('flags a post Rekognition labels, with the label in the note', async () => {
    const sent: string[] = [];
    const provider = createAwsProvider({
      rekognition: { send: async (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), { ModerationLabels: [{ Name: 'Violence', Confidence: 93.2 }] }) } as never,
      comprehend: { send: async (command: { constructor: { name: string } }) => (sent.push(command.constructor.name), { ResultList: [{ Toxicity: 0.01, Labels: [] }] }) } as never,
      readImage: async () => sharp({ create: { width: 80, height: 80, channels: 3, background: '#222' } }).webp().toBuffer(),
    });
    const post = pendingPost('a quiet street');
    const record = await insert(post);
    await handleRecord(record, provider);
    expect(sent.sort()).toEqual(['DetectModerationLabelsCommand', 'DetectToxicContentCommand']);
    expect(await stored(post.id)).toMatchObject({ status: 'FLAGGED', moderationNote: 'image: Violence (93%)' });
  });
});
