// Which stream records earn coins, for whom and how much (docs/data-model.md "Coins"). Pure except for the
// lookups a like needs (the post's author, the liker's handle), which are passed in.
import type { DynamoDBRecord } from 'aws-lambda';
import type { LedgerKind, NotificationKind } from '../../infra/generated/graphql.js';
import { COINS } from '../../resolvers/lib/keys.js';
import { newImage, recordKey, recordTime, requireString } from '../lib/stream.js';

export interface CreditEvent {
  /** Who earns the coins. */
  userId: string;
  /** The idempotency key: post:<postId>, like:<postId>:<likerSub>, comment:<commentId>. */
  eventKey: string;
  /** Coins before the daily cap. */
  base: number;
  kind: Extract<LedgerKind, 'POST_CREATED' | 'LIKE_RECEIVED' | 'COMMENT_WRITTEN'>;
  notificationKind: Extract<NotificationKind, 'COINS_EARNED' | 'LIKE_RECEIVED'>;
  postId: string;
  actorId?: string;
  actorHandle?: string;
  /** When the event happened: its UTC day is the day the coins count for. */
  at: Date;
}

export interface Lookups {
  /** The post's author, or undefined when the post is gone. */
  postAuthor(postId: string): Promise<string | undefined>;
  handleOf(sub: string): Promise<string | undefined>;
}

/**
 * Who liked: Mutation.likePost writes the liker's handle on the LIKE item (`userHandle`), because its pipeline
 * already reads the caller's profile-or-Cognito-username for posts and comments, and a liker who never stored a
 * profile has no PROFILE item for this function to read. Reading the PROFILE stays only as the fallback for
 * LIKE items written before the item carried the handle (records still in the stream during a deploy).
 */
async function likerHandle(item: Record<string, unknown>, likerId: string, lookups: Lookups): Promise<string | undefined> {
  const stored = item.userHandle;
  return typeof stored === 'string' && stored !== '' ? stored : lookups.handleOf(likerId);
}

/** The credit a record earns, or null when it earns nothing (not an earning event, self-like, deleted post). */
export async function creditEventFor(record: DynamoDBRecord, lookups: Lookups): Promise<CreditEvent | null> {
  if (record.eventName !== 'INSERT') return null;
  const { SK } = recordKey(record);
  const item = newImage(record);
  if (!item) throw new Error(`stream record ${record.eventID}: no NewImage (the stream must be NEW_AND_OLD_IMAGES)`);
  const at = recordTime(record);

  if (SK === 'POST') {
    const postId = requireString(item, 'id', 'post');
    return {
      userId: requireString(item, 'authorId', 'post'),
      eventKey: `post:${postId}`,
      base: COINS.post,
      kind: 'POST_CREATED',
      notificationKind: 'COINS_EARNED',
      postId,
      at,
    };
  }
  if (SK.startsWith('COMMENT#')) {
    const commentId = requireString(item, 'id', 'comment');
    return {
      userId: requireString(item, 'authorId', 'comment'),
      eventKey: `comment:${commentId}`,
      base: COINS.comment,
      kind: 'COMMENT_WRITTEN',
      notificationKind: 'COINS_EARNED',
      postId: requireString(item, 'postId', 'comment'),
      at,
    };
  }
  if (SK.startsWith('LIKE#')) {
    const postId = requireString(item, 'postId', 'like');
    const likerId = requireString(item, 'userId', 'like');
    const authorId = await lookups.postAuthor(postId);
    // A deleted post has nobody to credit; liking your own post earns nothing (and notifies nobody).
    if (!authorId || authorId === likerId) return null;
    return {
      userId: authorId,
      eventKey: `like:${postId}:${likerId}`,
      base: COINS.likeReceived,
      kind: 'LIKE_RECEIVED',
      notificationKind: 'LIKE_RECEIVED',
      postId,
      actorId: likerId,
      actorHandle: await likerHandle(item, likerId, lookups),
      at,
    };
  }
  return null;
}
