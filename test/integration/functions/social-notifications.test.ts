// Likes and comments as the API writes them (the real resolvers through the local DynamoDB data source), read
// back from DynamoDB Local's real stream and fed to the rewards function: the post's author hears who liked
// and who commented, once per like/comment even when the stream redelivers the batch.
import { startFunctionEnv, streamEvent, streamReader, type FunctionTestEnv } from './env.js'; // first: quiets loggers
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/rewards/handler.js';
import { createDynamoDBDataSource } from '../../../infra/local/datasources/dynamodb.js';
import { keys } from '../../../resolvers/lib/keys.js';
import { givenIdentity, thenData, whenField, type FieldCall } from '../../support/resolver-steps.js';
import { binding } from '../../unit/resolvers/content.fixtures.js';

let env: FunctionTestEnv;
let invoke: ReturnType<typeof createDynamoDBDataSource>;
beforeAll(async () => {
  env = await startFunctionEnv('social');
  invoke = createDynamoDBDataSource({ client: env.client, tableName: env.table });
});
afterAll(() => env?.stop());

function field(name: string, call: Omit<FieldCall, 'answers'>) {
  return whenField(binding(name), { ...call, env: { TABLE_NAME: env.table }, answers: (request) => invoke(request) as never });
}

async function notifications(sub: string) {
  const { Items } = await env.db.send(
    new QueryCommand({
      TableName: env.table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
      ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':n': 'NOTIF#' },
    }),
  );
  return Items ?? [];
}
const balance = async (sub: string) => Number((await env.db.send(new GetCommand({ TableName: env.table, Key: keys.wallet(sub) }))).Item?.balance ?? 0);

/** What the rewards function's event source mapping lets through (infra/api/functions.ts: INSERTs of these). */
const forRewards = (records: DynamoDBRecord[]) =>
  records.filter((r) => r.eventName === 'INSERT' && /^(POST$|LIKE#|COMMENT#)/.test(r.dynamodb?.Keys?.SK?.S ?? ''));

describe('like and comment notifications (resolvers → DynamoDB Local stream → rewards)', () => {
  it('names the liker and the commenter to the author, once each; no notice for commenting on your own post', async () => {
    const author = givenIdentity.user('soc-author', { username: 'ada' });
    // bob has never stored a profile: his handle is his Cognito username
    const fan = givenIdentity.user('soc-fan', { username: 'bob' });
    const postId = '01HZZSOCIAL0000000000POST1';
    await env.db.send(
      new PutCommand({
        TableName: env.table,
        Item: { ...keys.post(postId), type: 'POST', id: postId, authorId: 'soc-author', authorHandle: 'ada', caption: 'hi', status: 'APPROVED', likeCount: 0, commentCount: 0, createdAt: '2026-11-22T10:00:00.000Z' },
      }),
    );
    const reader = await streamReader(env.services.dynamodb.endpoint, env.streamArn);
    let records: DynamoDBRecord[];
    try {
      thenData(await field('Mutation.likePost', { identity: fan, args: { postId } }));
      const comment = thenData(await field('Mutation.addComment', { identity: fan, args: { input: { postId, text: 'lovely light' } } }));
      thenData(await field('Mutation.addComment', { identity: author, args: { input: { postId, text: 'thanks!' } } }));
      records = forRewards(await reader.read(6)); // 3 inserts + 3 count updates on the post
      expect(records).toHaveLength(3);

      expect((await handler(streamEvent(...records))).batchItemFailures).toEqual([]);
      // the stream redelivers the whole batch: nothing is written twice
      expect((await handler(streamEvent(...records))).batchItemFailures).toEqual([]);

      const toAuthor = await notifications('soc-author');
      expect(toAuthor.map((n) => n.kind).sort()).toEqual(['COINS_EARNED', 'COMMENT_RECEIVED', 'LIKE_RECEIVED']);
      expect(toAuthor.find((n) => n.kind === 'LIKE_RECEIVED')).toMatchObject({
        actorId: 'soc-fan',
        actorHandle: 'bob',
        message: '@bob liked your post: +2 coins',
        amount: 2,
        postId,
      });
      expect(toAuthor.find((n) => n.kind === 'COMMENT_RECEIVED')).toMatchObject({
        SK: `NOTIF#${comment.id}`,
        id: comment.id,
        userId: 'soc-author',
        actorId: 'soc-fan',
        actorHandle: 'bob',
        message: '@bob commented on your post: "lovely light"',
        postId,
        read: false,
      });
      // author: +2 for the like, +5 for their own comment; bob: +5 for his comment (unchanged rule)
      expect(await balance('soc-author')).toBe(7);
      expect(await balance('soc-fan')).toBe(5);
      expect((await notifications('soc-fan')).map((n) => n.kind)).toEqual(['COINS_EARNED']);
    } finally {
      reader.close();
    }
  });
});
