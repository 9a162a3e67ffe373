// What moderation decisions do to reports and comments, with the real resolvers on DynamoDB Local:
// approving a reported post resets its report count (three NEW reports re-queue it, not one) while each
// REPORT# item stays (nobody reports twice); a post that is not approved keeps its comments from everyone
// but its author and admins.
import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import { contentResolvers } from '../../../infra/api/resolvers/content.js';
import { moderationResolvers } from '../../../infra/api/resolvers/moderation.js';
import { createDynamoDBDataSource } from '../../../infra/local/datasources/dynamodb.js';
import { freePort } from '../../../infra/local/services/ports.js';
import { localDynamoDBClient, startDynamoDB, type DynamoDBLocal } from '../../../infra/local/services/dynamodb.js';
import { givenIdentity, thenData, thenFieldError, whenField, type FieldCall } from '../../support/resolver-steps.js';
import { createTable, uniqueTableName } from '../../support/table.js';

let ddb: DynamoDBLocal;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
const TABLE = uniqueTableName('moderation-int');
let invoke: ReturnType<typeof createDynamoDBDataSource>;

beforeAll(async () => {
  ddb = await startDynamoDB({ port: await freePort() });
  client = localDynamoDBClient(ddb.endpoint);
  doc = DynamoDBDocumentClient.from(client);
  await createTable(client, api.tables.main, TABLE);
  invoke = createDynamoDBDataSource({ client, tableName: TABLE });
});

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

function field(name: string, call: Omit<FieldCall, 'answers'>) {
  const [typeName, fieldName] = name.split('.');
  const def = [...contentResolvers, ...moderationResolvers].find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!def) throw new Error(`no binding for ${name}`);
  return whenField(def, { ...call, env: { TABLE_NAME: TABLE }, answers: (request) => invoke(request) as never });
}

const admin = givenIdentity.admin('mod-admin');
const author = givenIdentity.user('mod-author', { username: 'ada' });
const reporter = (n: number) => givenIdentity.user(`mod-r${n}`);

async function givenApprovedPost(postId: string) {
  await doc.send(
    new PutCommand({
      TableName: TABLE,
      Item: {
        PK: `POST#${postId}`, SK: 'POST', type: 'POST', id: postId, authorId: 'mod-author', authorHandle: 'ada', caption: 'hi',
        media: { width: 1, height: 1, placeholder: 'data:,', variants: [] },
        status: 'APPROVED', likeCount: 0, commentCount: 0, reportCount: 0, createdAt: '2026-11-22T10:00:00.000Z',
        feedPK: 'FEED', feedSK: `2026-11-22T10:00:00.000Z#${postId}`, authorPK: 'USER#mod-author', authorSK: `APPROVED#${postId}`,
      },
    }),
  );
}
const stored = async (postId: string) => (await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: `POST#${postId}`, SK: 'POST' }, ConsistentRead: true }))).Item!;
const report = (n: number, postId: string) => field('Mutation.reportPost', { identity: reporter(n), args: { input: { postId, reason: 'spam' } } });
const reportItems = async (postId: string) =>
  (
    await client.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :r)',
        ExpressionAttributeValues: { ':pk': { S: `POST#${postId}` }, ':r': { S: 'REPORT#' } },
      }),
    )
  ).Items ?? [];

describe('moderation on DynamoDB Local', () => {
  it('approving a reported post resets reportCount and keeps the REPORT# items: no second report, three new ones to re-queue', async () => {
    const postId = 'mod-reported';
    await givenApprovedPost(postId);
    for (const n of [1, 2, 3]) thenData(await report(n, postId));
    expect(await stored(postId)).toMatchObject({ reportCount: 3, queuePK: 'QUEUE' });

    const approved = thenData(await field('Mutation.moderatePost', { identity: admin, args: { input: { postId, decision: 'APPROVE' } } }));
    expect(approved).toMatchObject({ status: 'APPROVED', reportCount: 0 });
    const after = await stored(postId);
    expect(after).toMatchObject({ status: 'APPROVED', reportCount: 0, feedPK: 'FEED' });
    expect(after.queuePK).toBeUndefined();
    expect(await reportItems(postId)).toHaveLength(3);

    // the same users still cannot report again
    thenFieldError(await report(1, postId), 'Conflict', /already reported/);
    // one new report is not enough to re-queue; three new ones are
    thenData(await report(4, postId));
    expect(await stored(postId)).toMatchObject({ reportCount: 1 });
    expect((await stored(postId)).queuePK).toBeUndefined();
    for (const n of [5, 6]) thenData(await report(n, postId));
    expect(await stored(postId)).toMatchObject({ reportCount: 3, queuePK: 'QUEUE' });
    const queue = thenData(await field('Query.moderationQueue', { identity: admin }));
    expect(queue.items.map((p: { id: string }) => p.id)).toContain(postId);
  });

  it("a rejected post's comments reach only its author and admins (one read of the post + one Query)", async () => {
    const postId = 'mod-commented';
    await givenApprovedPost(postId);
    const comment = thenData(await field('Mutation.addComment', { identity: givenIdentity.user('mod-fan', { username: 'bob' }), args: { input: { postId, text: 'hm' } } }));
    const read = (identity: ReturnType<typeof givenIdentity.user> | null) => field('Query.comments', { identity, args: { postId } });

    expect(thenData(await read(givenIdentity.apiKey())).items).toEqual([comment]);
    thenData(await field('Mutation.moderatePost', { identity: admin, args: { input: { postId, decision: 'REJECT', note: 'no' } } }));

    for (const outsider of [givenIdentity.apiKey(), givenIdentity.user('mod-fan'), givenIdentity.user('mod-other')]) {
      const run = await read(outsider);
      expect(thenData(run)).toEqual({ items: [], nextToken: null });
      expect(run.requests).toHaveLength(1);
    }
    for (const insider of [author, admin]) {
      const run = await read(insider);
      expect(thenData(run).items).toEqual([comment]);
      expect(run.requests.map((r) => r.request.operation)).toEqual(['GetItem', 'Query']);
    }
    // a post that does not exist reads like a hidden one
    expect(thenData(await field('Query.comments', { identity: admin, args: { postId: 'mod-missing' } }))).toEqual({ items: [], nextToken: null });
  });
});
