// moderatePost end to end on DynamoDB Local: the real pipeline through the local DynamoDB data source, then
// the queue / feed / audit reads a client would make. Checks what unit tests cannot: that the update
// expression (SET + REMOVE of index keys) and the status guard are accepted and behave on the real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api } from '../../../infra/api/index.js';
import { moderationResolvers } from '../../../infra/api/resolvers/moderation.js';
import { createDynamoDBDataSource } from '../../../infra/local/datasources/dynamodb.js';
import { loadResolver } from '../../../infra/local/runtime/load.js';
import { resolveField, type FieldOutcome, type PipelineResolver, type UnitResolver } from '../../../infra/local/runtime/pipeline.js';
import type { AppSyncContext } from '../../../infra/local/runtime/context.js';
import { AUTH_TYPES } from '../../../infra/local/runtime/util/auth-type.js';
import { freePort, localDynamoDBClient, startDynamoDB, type DynamoDBLocal } from '../../../infra/local/services/index.js';
import { contextFor, givenIdentity, repoRoot, type Identity } from '../../support/resolver-steps.js';
import { createTable, uniqueTableName } from '../../support/table.js';
import { flaggedPost } from './moderation.fixtures.js';

let ddb: DynamoDBLocal;
let doc: DynamoDBDocumentClient;
let table: string;
let invokeTable: ReturnType<typeof createDynamoDBDataSource>;
const resolvers: Record<string, UnitResolver | PipelineResolver> = {};

beforeAll(async () => {
  ddb = await startDynamoDB({ port: await freePort() });
  const client = localDynamoDBClient(ddb.endpoint);
  doc = DynamoDBDocumentClient.from(client);
  table = uniqueTableName('moderation');
  await createTable(client, api.tables.main, table);
  invokeTable = createDynamoDBDataSource({ client, tableName: table });
  const load = (file: string) => loadResolver(file, { cwd: repoRoot });
  for (const def of moderationResolvers) {
    resolvers[def.fieldName] =
      def.kind === 'UNIT'
        ? { kind: 'UNIT', code: await load(def.file), dataSource: def.dataSource === 'none' ? undefined : def.dataSource }
        : {
            kind: 'PIPELINE',
            code: await load(def.file),
            functions: await Promise.all(def.functions.map(async (f) => ({ name: f.file, code: await load(f.file), dataSource: f.dataSource }))),
          };
  }
});

afterAll(async () => {
  await ddb?.stop();
});

function call(field: string, file: string, args: Record<string, unknown>, identity: Identity = givenIdentity.admin('a1')): Promise<FieldOutcome> {
  const ctx = contextFor(file, { args, identity, env: { TABLE_NAME: table } }) as unknown as AppSyncContext;
  return resolveField({ resolver: resolvers[field], ctx, invoke: (_ds, request) => invokeTable(request), authType: AUTH_TYPES.userPool });
}

const moderate = (postId: string, decision: string, note?: string) =>
  call('moderatePost', 'resolvers/Mutation.moderatePost/index.ts', { input: { postId, decision, note } });
const queue = () => call('moderationQueue', 'resolvers/Query.moderationQueue.ts', { limit: 50 });

async function givenFlaggedPost(id: string, queuedAt: string): Promise<void> {
  await doc.send(new PutCommand({
    TableName: table,
    Item: { ...flaggedPost, PK: `POST#${id}`, id, authorSK: `FLAGGED#${id}`, queueSK: `${queuedAt}#${id}` },
  }));
}

async function postItem(id: string): Promise<Record<string, any>> {
  return (await doc.send(new GetCommand({ TableName: table, Key: { PK: `POST#${id}`, SK: 'POST' }, ConsistentRead: true }))).Item!;
}

describe('moderating posts (DynamoDB Local)', () => {
  it('the queue lists flagged posts oldest first; approving moves a post into the feed and out of the queue', async () => {
    await givenFlaggedPost('p-new', '2026-11-22T10:05:00.000Z');
    await givenFlaggedPost('p-old', '2026-11-22T10:01:00.000Z');
    const before = await queue();
    expect(before.errors).toEqual([]);
    expect((before.data as any).items.map((p: any) => p.id)).toEqual(['p-old', 'p-new']);

    const out = await moderate('p-old', 'APPROVE');
    expect(out.errors).toEqual([]);
    expect(out.data).toMatchObject({ id: 'p-old', status: 'APPROVED', moderationNote: null });

    const item = await postItem('p-old');
    expect(item).toMatchObject({ status: 'APPROVED', feedPK: 'FEED', feedSK: `${flaggedPost.createdAt}#p-old`, authorSK: 'APPROVED#p-old' });
    expect(item.queuePK).toBeUndefined();
    expect(item.queueSK).toBeUndefined();
    expect(item.moderationNote).toBeUndefined();
    expect(((await queue()).data as any).items.map((p: any) => p.id)).toEqual(['p-new']);
  });

  it('rejecting keeps the post out of feed and queue, audits the decision and notifies the author', async () => {
    await givenFlaggedPost('p-bad', '2026-11-22T11:00:00.000Z');
    const out = await moderate('p-bad', 'REJECT', 'scam link');
    expect(out.errors).toEqual([]);
    const item = await postItem('p-bad');
    expect(item).toMatchObject({ status: 'REJECTED', authorSK: 'REJECTED#p-bad', moderationNote: 'scam link' });
    expect(item.feedPK).toBeUndefined();
    expect(item.queuePK).toBeUndefined();

    const today = new Date().toISOString().slice(0, 10);
    const audit = await call('auditLog', 'resolvers/Query.auditLog.ts', { day: today });
    expect((audit.data as any).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ postId: 'p-bad', adminId: 'a1', decision: 'REJECT', note: 'scam link' })]),
    );
    const notifs = await doc.send(new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
      ExpressionAttributeValues: { ':pk': `USER#${flaggedPost.authorId}`, ':n': 'NOTIF#' },
    }));
    expect(notifs.Items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'POST_REJECTED', postId: 'p-bad', read: false })]));
  });

  it('a decision on a post whose status changed since it was read is a Conflict (no double decision)', async () => {
    await givenFlaggedPost('p-twice', '2026-11-22T12:00:00.000Z');
    const outs = await Promise.all([moderate('p-twice', 'APPROVE'), moderate('p-twice', 'REJECT', 'no')]);
    const ok = outs.filter((o) => o.errors.length === 0);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const item = await postItem('p-twice');
    // whichever decision won, the item is consistent with it
    if (item.status === 'APPROVED') expect(item.feedPK).toBe('FEED');
    else expect(item.feedPK).toBeUndefined();
    for (const o of outs.filter((x) => x.errors.length > 0)) {
      expect(['Conflict', 'DynamoDB:TransactionCanceledException']).toContain(o.errors[0].errorType);
    }
  });

  it('an unknown post is NotFound; a non-admin is refused before any read', async () => {
    expect((await moderate('p-none', 'APPROVE')).errors[0]).toMatchObject({ errorType: 'NotFound' });
    const denied = await call('moderatePost', 'resolvers/Mutation.moderatePost/index.ts', { input: { postId: 'p-new', decision: 'REJECT' } }, givenIdentity.user('u5'));
    expect(denied.errors[0]).toMatchObject({ errorType: 'Unauthorized' });
    expect((await postItem('p-new')).status).toBe('FLAGGED');
  });
});
