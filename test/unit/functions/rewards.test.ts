// Coin arithmetic and which stream records earn coins (pure parts of functions/rewards).
import { describe, expect, it } from 'vitest';
import { clampCredit, notificationMessage } from '../../../functions/rewards/amounts.js';
import { creditEventFor, type Lookups } from '../../../functions/rewards/events.js';
import { keys } from '../../../resolvers/lib/keys.js';
import { streamRecord } from '../../integration/functions/records.js';

const lookups = (author?: string, handle?: string): Lookups => ({ postAuthor: async () => author, handleOf: async () => handle });

describe('clampCredit', () => {
  it.each([
    [10, 0, 10],
    [2, 498, 2],
    [2, 499, 1],
    [10, 495, 5],
    [2, 500, 0],
    [5, 510, 0], // a counter somehow past the cap never yields a negative credit
  ])('base %i with %i earned today → %i', (base, earned, expected) => {
    expect(clampCredit(base, earned)).toBe(expected);
  });
});

describe('creditEventFor', () => {
  const at = new Date('2026-11-22T23:59:59Z');
  it('a post earns its author 10, keyed post:<id>, on the UTC day of the record', async () => {
    const record = streamRecord({ eventName: 'INSERT', newImage: { ...keys.post('p1'), id: 'p1', authorId: 'a' }, at });
    expect(await creditEventFor(record, lookups())).toMatchObject({ userId: 'a', eventKey: 'post:p1', base: 10, kind: 'POST_CREATED', at });
  });
  it('a like earns the post author 2 with the liker as actor; a self-like or a deleted post earns nothing', async () => {
    const like = streamRecord({ eventName: 'INSERT', newImage: { ...keys.like('p1', 'liker'), postId: 'p1', userId: 'liker' } });
    expect(await creditEventFor(like, lookups('author', 'lina'))).toMatchObject({
      userId: 'author',
      eventKey: 'like:p1:liker',
      base: 2,
      actorId: 'liker',
      actorHandle: 'lina',
      notificationKind: 'LIKE_RECEIVED',
    });
    expect(await creditEventFor(like, lookups('liker'))).toBeNull();
    expect(await creditEventFor(like, lookups(undefined))).toBeNull();
  });
  it('a comment earns the commenter 5, keyed comment:<id>', async () => {
    const record = streamRecord({ eventName: 'INSERT', newImage: { ...keys.comment('p1', 'c1'), id: 'c1', postId: 'p1', authorId: 'c' } });
    expect(await creditEventFor(record, lookups())).toMatchObject({ userId: 'c', eventKey: 'comment:c1', base: 5, kind: 'COMMENT_WRITTEN' });
  });
  it('ignores removals, modifications and other items', async () => {
    const post = { ...keys.post('p1'), id: 'p1', authorId: 'a' };
    expect(await creditEventFor(streamRecord({ eventName: 'REMOVE', oldImage: post }), lookups())).toBeNull();
    expect(await creditEventFor(streamRecord({ eventName: 'MODIFY', oldImage: post, newImage: post }), lookups())).toBeNull();
    expect(await creditEventFor(streamRecord({ eventName: 'INSERT', newImage: { ...keys.wallet('a') } }), lookups())).toBeNull();
  });
  it('a record missing a required attribute is an error naming it', async () => {
    const record = streamRecord({ eventName: 'INSERT', newImage: { ...keys.post('p1'), id: 'p1' } });
    await expect(creditEventFor(record, lookups())).rejects.toThrow('post: attribute authorId is missing');
  });
});

describe('notificationMessage', () => {
  const event = { kind: 'LIKE_RECEIVED', base: 2, actorHandle: 'lina' } as Parameters<typeof notificationMessage>[0];
  it('says how much and mentions the cap when it cut the credit', () => {
    expect(notificationMessage(event, 2)).toBe('@lina liked your post: +2 coins');
    expect(notificationMessage(event, 1)).toBe('@lina liked your post: +1 coin (daily limit of 500 coins reached)');
  });
});
