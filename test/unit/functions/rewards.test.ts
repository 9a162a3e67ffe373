// Coin arithmetic and which stream records earn coins (pure parts of functions/rewards).
import { describe, expect, it } from 'vitest';
import { clampCredit, notificationMessage } from '../../../functions/rewards/amounts.js';
import { commentMessage, commentNoticeFor, QUOTE_CHARS } from '../../../functions/rewards/comment-notice.js';
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
  it("a like names the liker by the handle on the LIKE item without reading the profile; older items fall back to it", async () => {
    let profileReads = 0;
    const counting: Lookups = { postAuthor: async () => 'author', handleOf: async () => ((profileReads += 1), 'from-profile') };
    const carried = streamRecord({ eventName: 'INSERT', newImage: { ...keys.like('p1', 'liker'), postId: 'p1', userId: 'liker', userHandle: 'bob' } });
    const event = await creditEventFor(carried, counting);
    expect(event).toMatchObject({ actorId: 'liker', actorHandle: 'bob' });
    expect(profileReads).toBe(0);
    expect(notificationMessage(event!, 2)).toBe('@bob liked your post: +2 coins');
    const older = streamRecord({ eventName: 'INSERT', newImage: { ...keys.like('p1', 'liker'), postId: 'p1', userId: 'liker' } });
    expect(await creditEventFor(older, counting)).toMatchObject({ actorHandle: 'from-profile' });
    expect(profileReads).toBe(1);
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

describe('commentNoticeFor (COMMENT_RECEIVED to the post author)', () => {
  const comment = (over: Record<string, unknown> = {}) =>
    streamRecord({
      eventName: 'INSERT',
      newImage: { ...keys.comment('p1', 'C1'), id: 'C1', postId: 'p1', authorId: 'commenter', authorHandle: 'bob', postAuthorId: 'author', text: 'nice!', ...over },
      at: new Date('2026-11-22T10:00:00Z'),
    });
  const noLookups: Lookups = {
    postAuthor: async () => {
      throw new Error('the post should not be read: the comment carries its author');
    },
    handleOf: async () => undefined,
  };

  it("tells the post's author who commented, keyed by the comment id, without reading the post", async () => {
    expect(await commentNoticeFor(comment(), noLookups)).toEqual({
      userId: 'author',
      commentId: 'C1',
      postId: 'p1',
      actorId: 'commenter',
      actorHandle: 'bob',
      text: 'nice!',
      at: new Date('2026-11-22T10:00:00Z'),
    });
  });
  it('nothing for a comment on your own post, or on a post that is gone (older items read the post)', async () => {
    expect(await commentNoticeFor(comment({ postAuthorId: 'commenter' }), noLookups)).toBeNull();
    expect(await commentNoticeFor(comment({ postAuthorId: undefined }), lookups(undefined))).toBeNull();
    expect(await commentNoticeFor(comment({ postAuthorId: undefined }), lookups('author'))).toMatchObject({ userId: 'author' });
  });
  it('ignores everything but comment inserts', async () => {
    const post = { ...keys.post('p1'), id: 'p1', authorId: 'a' };
    expect(await commentNoticeFor(streamRecord({ eventName: 'INSERT', newImage: post }), noLookups)).toBeNull();
    const c = comment().dynamodb!.NewImage as never;
    expect(await commentNoticeFor({ ...comment(), eventName: 'REMOVE', dynamodb: { ...comment().dynamodb, NewImage: undefined, OldImage: c } }, noLookups)).toBeNull();
  });
  it('the message names the commenter and quotes the comment on one line, shortened', () => {
    expect(commentMessage('bob', 'nice\n  shot')).toBe('@bob commented on your post: "nice shot"');
    const long = commentMessage('bob', 'x'.repeat(200));
    expect(long).toBe(`@bob commented on your post: "${'x'.repeat(QUOTE_CHARS - 1)}…"`);
    expect(commentMessage(undefined, '')).toBe('Someone commented on your post');
  });
});
