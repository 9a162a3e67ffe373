// COMMENT_RECEIVED: tells a post's author that someone commented (no coins move for the author; the commenter's
// +5 is a separate credit). Runs off the same COMMENT# insert as that credit.
// Once per comment without an extra idempotency item: the notification's id IS the comment's id (a ULID, so it
// sorts with the author's other notifications by time) and the put is conditional on attribute_not_exists, so a
// redelivered stream record writes nothing.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { newImage, recordKey, recordTime, requireString } from '../lib/stream.js';
import { notificationItem } from '../lib/notification.js';
import type { Lookups } from './events.js';

/** How much of the comment the notification quotes. */
export const QUOTE_CHARS = 80;

export interface CommentNotice {
  /** the post's author, who is told */
  userId: string;
  commentId: string;
  postId: string;
  actorId: string;
  actorHandle?: string;
  text: string;
  at: Date;
}

/** The notice a record calls for, or null (not a comment insert, a comment on your own post, a post gone). */
export async function commentNoticeFor(record: DynamoDBRecord, lookups: Lookups): Promise<CommentNotice | null> {
  if (record.eventName !== 'INSERT' || !recordKey(record).SK.startsWith('COMMENT#')) return null;
  const item = newImage(record);
  if (!item) throw new Error(`stream record ${record.eventID}: no NewImage (the stream must be NEW_AND_OLD_IMAGES)`);
  const postId = requireString(item, 'postId', 'comment');
  const commenterId = requireString(item, 'authorId', 'comment');
  // Mutation.addComment stores the post's author on the comment (its pipeline has read the post); comments
  // written before that need one read of the post.
  const stored = item.postAuthorId;
  const authorId = typeof stored === 'string' && stored !== '' ? stored : await lookups.postAuthor(postId);
  if (!authorId || authorId === commenterId) return null;
  return {
    userId: authorId,
    commentId: requireString(item, 'id', 'comment'),
    postId,
    actorId: commenterId,
    // addComment always stores the handle; an older item without one falls back to the profile (or "Someone").
    actorHandle: typeof item.authorHandle === 'string' && item.authorHandle !== '' ? item.authorHandle : await lookups.handleOf(commenterId),
    text: typeof item.text === 'string' ? item.text : '',
    at: recordTime(record),
  };
}

export function commentMessage(handle: string | undefined, text: string): string {
  const who = handle ? `@${handle}` : 'Someone';
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const quote = oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS - 1)}…` : oneLine;
  return quote ? `${who} commented on your post: "${quote}"` : `${who} commented on your post`;
}

/** Writes the notification once; returns false when it was already there (a redelivered record). */
export async function saveCommentNotice(db: DynamoDBDocumentClient, table: string, notice: CommentNotice): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: table,
        Item: notificationItem(
          {
            id: notice.commentId,
            userId: notice.userId,
            kind: 'COMMENT_RECEIVED',
            message: commentMessage(notice.actorHandle, notice.text),
            postId: notice.postId,
            actorId: notice.actorId,
            actorHandle: notice.actorHandle,
          },
          notice.at,
        ),
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
