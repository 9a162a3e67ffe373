// The coin rules (docs/data-model.md "Coins") against real DynamoDB Local: caps at the day boundary, self-likes,
// like-unlike-like, duplicate stream records, partial batch failures, concurrent credits near the cap.
import { startFunctionEnv, streamEvent, streamReader, streamRecord, type FunctionTestEnv } from './env.js'; // first: quiets loggers
import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/rewards/handler.js';
import { keys } from '../../../resolvers/lib/keys.js';

let env: FunctionTestEnv;
beforeAll(async () => {
  env = await startFunctionEnv('rewards');
});
afterAll(() => env?.stop());

let counter = 0;
const uid = (name: string) => `${name}-${Date.now().toString(36)}-${(counter += 1)}`;

const postItem = (postId: string, authorId: string) => ({
  ...keys.post(postId),
  type: 'POST',
  id: postId,
  authorId,
  authorHandle: 'author',
  caption: 'hello',
  status: 'APPROVED',
  likeCount: 0,
  commentCount: 0,
  createdAt: '2026-11-22T10:00:00.000Z',
});
const likeItem = (postId: string, userId: string) => ({ ...keys.like(postId, userId), postId, userId, createdAt: new Date().toISOString() });

async function state(sub: string) {
  const wallet = (await env.db.send(new GetCommand({ TableName: env.table, Key: keys.wallet(sub) }))).Item;
  const query = async (prefix: string) =>
    (
      await env.db.send(
        new QueryCommand({
          TableName: env.table,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
          ExpressionAttributeValues: { ':pk': `USER#${sub}`, ':p': prefix },
        }),
      )
    ).Items ?? [];
  const ledger = await query('TX#');
  return {
    balance: Number(wallet?.balance ?? 0),
    lifetimeEarned: Number(wallet?.lifetimeEarned ?? 0),
    ledger,
    ledgerSum: ledger.reduce((sum, e) => sum + Number(e.amount), 0),
    notifications: await query('NOTIF#'),
    earned: Object.fromEntries((await query('EARNED#')).map((e) => [String(e.SK).slice(7), Number(e.earned)])),
    marks: await query('EVENT#'),
  };
}

/** A post in the table (so likes can find its author) and its stream record. */
async function seedPost(authorId: string, at = new Date()) {
  const postId = uid('post');
  const item = postItem(postId, authorId);
  await env.db.send(new PutCommand({ TableName: env.table, Item: item }));
  return { postId, record: streamRecord({ eventName: 'INSERT', newImage: item, at }) };
}

/** Put the user near the cap for a day, consistently (wallet, ledger and counter agree). */
async function seedEarned(sub: string, day: string, earned: number) {
  await env.db.send(new PutCommand({ TableName: env.table, Item: { ...keys.earned(sub, day), earned } }));
  await env.db.send(new PutCommand({ TableName: env.table, Item: { ...keys.wallet(sub), balance: earned, lifetimeEarned: earned } }));
  await env.db.send(
    new PutCommand({ TableName: env.table, Item: { ...keys.ledger(sub, '00SEED'), id: '00SEED', amount: earned, kind: 'ADJUSTMENT' } }),
  );
}

describe('rewards function (DynamoDB Local)', () => {
  it('credits +10 for a post: mark, counter, wallet, ledger and a COINS_EARNED notification in one go', async () => {
    const author = uid('author');
    const at = new Date('2026-11-22T10:00:00Z');
    const { postId, record } = await seedPost(author, at);
    const result = await handler(streamEvent(record));
    expect(result.batchItemFailures).toEqual([]);
    const s = await state(author);
    expect(s.balance).toBe(10);
    expect(s.lifetimeEarned).toBe(10);
    expect(s.earned).toEqual({ '2026-11-22': 10 });
    expect(s.ledger).toEqual([
      expect.objectContaining({ amount: 10, kind: 'POST_CREATED', sourceEvent: `post:${postId}`, createdAt: at.toISOString() }),
    ]);
    expect(s.marks).toEqual([expect.objectContaining({ SK: `EVENT#post:${postId}`, amount: 10 })]);
    expect(s.notifications).toEqual([
      expect.objectContaining({ kind: 'COINS_EARNED', userId: author, postId, amount: 10, balance: 10, read: false }),
    ]);
    expect(s.notifications[0].expiresAt).toBe(Math.floor(at.getTime() / 1000) + 30 * 86400);
  });

  it('credits +5 to the commenter for a comment', async () => {
    const commenter = uid('commenter');
    const comment = { ...keys.comment('p1', 'c-' + commenter), id: 'c-' + commenter, postId: 'p1', authorId: commenter, text: 'nice' };
    await handler(streamEvent(streamRecord({ eventName: 'INSERT', newImage: comment })));
    const s = await state(commenter);
    expect(s.balance).toBe(5);
    expect(s.ledger[0]).toMatchObject({ kind: 'COMMENT_WRITTEN', sourceEvent: `comment:c-${commenter}` });
  });

  it('credits a duplicate stream record once (same record twice in a batch, and again in a later batch)', async () => {
    const author = uid('author');
    const { record } = await seedPost(author);
    const first = await handler(streamEvent(record, record));
    const again = await handler(streamEvent(record));
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    const s = await state(author);
    expect(s.balance).toBe(10);
    expect(s.ledger).toHaveLength(1);
    expect(s.notifications).toHaveLength(1);
  });

  it('gives +2 and a LIKE_RECEIVED notification (actor and handle) to the author of a liked post', async () => {
    const author = uid('author');
    const liker = uid('liker');
    const { postId } = await seedPost(author);
    await env.db.send(new PutCommand({ TableName: env.table, Item: { ...keys.profile(liker), handle: 'lina' } }));
    await handler(streamEvent(streamRecord({ eventName: 'INSERT', newImage: likeItem(postId, liker) })));
    const s = await state(author);
    expect(s.balance).toBe(2);
    expect(s.notifications).toEqual([
      expect.objectContaining({ kind: 'LIKE_RECEIVED', actorId: liker, actorHandle: 'lina', amount: 2, balance: 2, postId }),
    ]);
    expect(s.ledger[0]).toMatchObject({ kind: 'LIKE_RECEIVED', reason: '@lina liked your post', sourceEvent: `like:${postId}:${liker}` });
    expect((await state(liker)).balance).toBe(0);
  });

  it('gives nothing for liking your own post, and notifies nobody', async () => {
    const author = uid('author');
    const { postId } = await seedPost(author);
    const result = await handler(streamEvent(streamRecord({ eventName: 'INSERT', newImage: likeItem(postId, author) })));
    expect(result.batchItemFailures).toEqual([]);
    const s = await state(author);
    expect(s.balance).toBe(0);
    expect(s.notifications).toEqual([]);
    expect(s.marks).toEqual([]);
  });

  it('credits like → unlike → like once (real DynamoDB Local stream records)', async () => {
    const author = uid('author');
    const liker = uid('liker');
    const { postId } = await seedPost(author);
    const reader = await streamReader(env.services.dynamodb.endpoint, env.streamArn);
    try {
      await env.db.send(new PutCommand({ TableName: env.table, Item: likeItem(postId, liker) }));
      await env.db.send(new DeleteCommand({ TableName: env.table, Key: keys.like(postId, liker) }));
      await env.db.send(new PutCommand({ TableName: env.table, Item: likeItem(postId, liker) }));
      const records = (await reader.read(3)).filter((r) => r.dynamodb?.Keys?.SK?.S === `LIKE#${liker}`);
      expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE', 'INSERT']);
      const result = await handler(streamEvent(...records));
      expect(result.batchItemFailures).toEqual([]);
    } finally {
      reader.close();
    }
    const s = await state(author);
    expect(s.balance).toBe(2);
    expect(s.ledger).toHaveLength(1);
    expect(s.notifications).toHaveLength(1);
  });

  it('clamps at the daily cap (499 + 2 → +1), then credits 0 but marks the event, and starts a new UTC day at 0', async () => {
    const author = uid('author');
    await seedEarned(author, '2026-11-22', 499);
    const { postId } = await seedPost(author);
    const likers = [uid('l'), uid('l'), uid('l')];
    const beforeMidnight = new Date('2026-11-22T23:59:59Z');
    const afterMidnight = new Date('2026-11-23T00:00:01Z');
    const like = (liker: string, at: Date) => streamRecord({ eventName: 'INSERT', newImage: likeItem(postId, liker), at });

    await handler(streamEvent(like(likers[0], beforeMidnight)));
    let s = await state(author);
    expect(s.balance).toBe(500);
    expect(s.earned['2026-11-22']).toBe(500);
    expect(s.notifications.at(-1)).toMatchObject({ amount: 1, balance: 500, message: expect.stringMatching(/daily limit of 500/) });

    await handler(streamEvent(like(likers[1], beforeMidnight)));
    s = await state(author);
    expect(s.balance).toBe(500);
    expect(s.earned['2026-11-22']).toBe(500);
    expect(s.marks.find((m) => m.SK === `EVENT#like:${postId}:${likers[1]}`)).toMatchObject({ amount: 0 });
    expect(s.notifications.at(-1)).toMatchObject({ amount: 0, kind: 'LIKE_RECEIVED' });

    // The same like redelivered after midnight still belongs to the 22nd: it stays at 0.
    await handler(streamEvent(like(likers[1], afterMidnight)));
    await handler(streamEvent(like(likers[2], afterMidnight)));
    s = await state(author);
    expect(s.earned).toEqual({ '2026-11-22': 500, '2026-11-23': 2 });
    expect(s.balance).toBe(502);
    expect(s.balance).toBe(s.ledgerSum);
  });

  it('reports only the failing record in batchItemFailures while the rest are credited', async () => {
    const author = uid('author');
    const { record: good1 } = await seedPost(author);
    const { record: good2 } = await seedPost(author);
    const broken = streamRecord({ eventName: 'INSERT', newImage: { ...keys.post('broken'), id: 'broken' } }); // no authorId
    const result = await handler(streamEvent(good1, broken, good2));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: broken.dynamodb!.SequenceNumber }]);
    expect((await state(author)).balance).toBe(20);
  });

  it('never exceeds the cap under concurrent deliveries, and balance == sum(ledger)', async () => {
    const author = uid('author');
    await seedEarned(author, '2026-11-22', 480);
    const { postId } = await seedPost(author);
    const at = new Date('2026-11-22T12:00:00Z');
    // 15 likes (30 coins) in 15 concurrent invocations: only 20 fit under the cap.
    const results = await Promise.all(
      Array.from({ length: 15 }, () => handler(streamEvent(streamRecord({ eventName: 'INSERT', newImage: likeItem(postId, uid('l')), at })))),
    );
    expect(results.flatMap((r) => r.batchItemFailures)).toEqual([]);
    const s = await state(author);
    expect(s.earned['2026-11-22']).toBe(500);
    expect(s.balance).toBe(500);
    expect(s.ledgerSum).toBe(500);
    expect(s.marks).toHaveLength(15);
    expect(s.notifications).toHaveLength(15);
    // Each notification's balance is the real balance right after its own credit.
    const credited = s.notifications.filter((n) => Number(n.amount) > 0).map((n) => Number(n.balance)).sort((a, b) => a - b);
    expect(credited).toEqual([482, 484, 486, 488, 490, 492, 494, 496, 498, 500]);
  });
});
