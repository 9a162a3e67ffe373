// The content resolvers against DynamoDB Local, through the local DynamoDB data source: proves the
// request objects (conditions, BETWEEN bounds, if_not_exists upserts, transactions) run on the real
// engine and that the idempotency rules hold on real data.
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import { createDynamoDBDataSource } from '../../../infra/local/datasources/dynamodb.js';
import { freePort } from '../../../infra/local/services/ports.js';
import { localDynamoDBClient, startDynamoDB, type DynamoDBLocal } from '../../../infra/local/services/dynamodb.js';
import { givenIdentity, thenData, thenFieldError, whenField, type FieldCall } from '../../support/resolver-steps.js';
import { createTable, uniqueTableName } from '../../support/table.js';
import { binding } from '../../unit/resolvers/content.fixtures.js';

let ddb: DynamoDBLocal;
let client: DynamoDBClient;
const TABLE = uniqueTableName('content');
let invoke: ReturnType<typeof createDynamoDBDataSource>;

beforeAll(async () => {
  ddb = await startDynamoDB({ port: await freePort() });
  client = localDynamoDBClient(ddb.endpoint);
  await createTable(client, api.tables.main, TABLE);
  invoke = createDynamoDBDataSource({ client, tableName: TABLE });
});

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

/** Resolves a content field with the table as its real data source. */
function field(name: string, call: Omit<FieldCall, 'answers'>) {
  return whenField(binding(name), {
    ...call,
    env: { TABLE_NAME: TABLE },
    answers: (request, dataSource) => {
      if (dataSource !== 'table') throw new Error(`unexpected data source ${dataSource}`);
      return invoke(request) as never;
    },
  });
}

async function put(item: Record<string, unknown>) {
  await client.send(new PutItemCommand({ TableName: TABLE, Item: marshall(item, { removeUndefinedValues: true }) }));
}

const author = givenIdentity.user('int-author', { username: 'ada' });
const fan = givenIdentity.user('int-fan', { username: 'bob' });

describe('content resolvers on DynamoDB Local', () => {
  let postId = '';

  it('createPost: a READY upload becomes one PENDING post; the same upload cannot make a second', async () => {
    await put({
      PK: 'USER#int-author',
      SK: 'UPLOAD#up-int',
      id: 'up-int',
      status: 'READY',
      media: { width: 640, height: 480, placeholder: 'data:,', variants: [{ width: 320, height: 240, key: 'media/up-int/320.webp' }] },
    });
    const created = thenData(await field('Mutation.createPost', { identity: author, args: { input: { uploadId: 'up-int', caption: 'hello' } } }));
    expect(created).toMatchObject({ status: 'PENDING', authorHandle: 'ada', caption: 'hello' });
    postId = created.id;

    const again = await field('Mutation.createPost', { identity: author, args: { input: { uploadId: 'up-int', caption: 'again' } } });
    thenFieldError(again, 'Conflict', /already used/);

    const me = thenData(await field('Query.me', { identity: author }));
    expect(me).toMatchObject({ id: 'int-author', handle: 'ada', postCount: 1 });
    const mine = thenData(await field('Query.myPosts', { identity: author }));
    expect(mine.items.map((p: any) => p.id)).toEqual([postId]);
    // not in the feed or the public lists until approved
    expect(thenData(await field('Query.feed', { identity: givenIdentity.apiKey() })).items).toEqual([]);
    expect(thenData(await field('Query.post', { identity: givenIdentity.apiKey(), args: { id: postId } }))).toBeNull();
    thenFieldError(await field('Mutation.likePost', { identity: fan, args: { postId } }), 'NotFound');
  });

  it('likePost / unlikePost are idempotent on real conditions', async () => {
    // approve the post the way moderation does: status, feed keys, authorSK
    const stored = thenData(await field('Query.post', { identity: author, args: { id: postId } }));
    await put({
      PK: `POST#${postId}`,
      SK: 'POST',
      type: 'POST',
      ...stored,
      media: { width: 640, height: 480, placeholder: 'data:,', variants: [{ width: 320, height: 240, key: 'media/up-int/320.webp' }] },
      status: 'APPROVED',
      feedPK: 'FEED',
      feedSK: `${stored.createdAt}#${postId}`,
      authorPK: 'USER#int-author',
      authorSK: `APPROVED#${postId}`,
    });
    expect(thenData(await field('Query.feed', { identity: givenIdentity.apiKey() })).items.map((p: any) => p.id)).toEqual([postId]);

    expect(thenData(await field('Mutation.likePost', { identity: fan, args: { postId } }))).toEqual({ postId, likeCount: 1, commentCount: 0, liked: true });
    expect(thenData(await field('Mutation.likePost', { identity: fan, args: { postId } }))).toEqual({ postId, likeCount: 1, commentCount: 0, liked: true });
    expect(thenData(await field('Query.likedPosts', { identity: fan, args: { postIds: [postId, 'nope'] } }))).toEqual([postId]);
    expect(thenData(await field('Mutation.unlikePost', { identity: fan, args: { postId } }))).toMatchObject({ likeCount: 0, liked: false });
    expect(thenData(await field('Mutation.unlikePost', { identity: fan, args: { postId } }))).toMatchObject({ likeCount: 0, liked: false });
  });

  it('addComment and comments', async () => {
    const c = thenData(await field('Mutation.addComment', { identity: fan, args: { input: { postId, text: 'nice!' } } }));
    expect(c).toMatchObject({ authorHandle: 'bob', text: 'nice!' });
    const page = thenData(await field('Query.comments', { identity: givenIdentity.apiKey(), args: { postId } }));
    expect(page.items).toEqual([c]);
    const post = thenData(await field('Query.post', { identity: fan, args: { id: postId } }));
    expect(post.commentCount).toBe(1);
  });

  it('reportPost: once per user; the third report puts the post in the queue', async () => {
    thenData(await field('Mutation.reportPost', { identity: fan, args: { input: { postId, reason: 'spam' } } }));
    thenFieldError(await field('Mutation.reportPost', { identity: fan, args: { input: { postId, reason: 'spam' } } }), 'Conflict');
    thenData(await field('Mutation.reportPost', { identity: givenIdentity.user('r2'), args: { input: { postId, reason: 'x' } } }));
    const third = await field('Mutation.reportPost', { identity: givenIdentity.user('r3'), args: { input: { postId, reason: 'y' } } });
    thenData(third);
    expect(third.requests[2].request.operation).toBe('UpdateItem');
    const post = thenData(await field('Query.post', { identity: givenIdentity.admin(), args: { id: postId } }));
    expect(post.reportCount).toBe(3);
    // still visible in the feed until an admin decides
    expect(thenData(await field('Query.feed', { identity: givenIdentity.apiKey() })).items).toHaveLength(1);
  });

  it('notifications: unread count above the read cursor, which never moves back', async () => {
    const ids = ['01HZZ000000000000000000001', '01HZZ000000000000000000002', '01HZZ000000000000000000003'];
    for (const id of ids) {
      await put({ PK: 'USER#int-author', SK: `NOTIF#${id}`, id, userId: 'int-author', kind: 'LIKE_RECEIVED', message: 'm', read: false, createdAt: '2026-11-22T10:00:00.000Z' });
    }
    let page = thenData(await field('Query.notifications', { identity: author }));
    expect(page.unreadCount).toBe(3);
    expect(page.items.map((n: any) => n.id)).toEqual([...ids].reverse());

    expect(thenData(await field('Mutation.markNotificationsRead', { identity: author, args: { upTo: ids[1] } }))).toBe(1);
    expect(thenData(await field('Mutation.markNotificationsRead', { identity: author, args: { upTo: ids[0] } }))).toBe(1);
    page = thenData(await field('Query.notifications', { identity: author }));
    expect(page.unreadCount).toBe(1);
    expect(page.items.map((n: any) => n.read)).toEqual([false, true, true]);
    // the profile the cursor write touched is still a valid profile
    expect(thenData(await field('Query.me', { identity: author }))).toMatchObject({ handle: 'ada', postCount: 1 });
  });

  it('updateProfile and deletePost', async () => {
    const p = thenData(await field('Mutation.updateProfile', { identity: author, args: { input: { handle: 'ada_l', bio: 'hi' } } }));
    expect(p).toMatchObject({ handle: 'ada_l', bio: 'hi', postCount: 1 });
    thenFieldError(await field('Mutation.deletePost', { identity: fan, args: { id: postId } }), 'Unauthorized');
    expect(thenData(await field('Mutation.deletePost', { identity: author, args: { id: postId } })).id).toBe(postId);
    expect(thenData(await field('Query.post', { identity: author, args: { id: postId } }))).toBeNull();
    expect(thenData(await field('Query.me', { identity: author })).postCount).toBe(0);
  });
});
