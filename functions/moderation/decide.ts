// Applies a verdict in one transaction: the post moves PENDING → APPROVED (feed keys) or FLAGGED (queue keys),
// its byAuthor sort key follows the status, and the author gets a notification. The condition status = PENDING
// makes a redelivered record (or an admin who decided first) a no-op.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexKeys, keys } from '../../resolvers/lib/keys.js';
import { newId } from '../lib/ids.js';
import { notificationItem } from '../lib/notification.js';
import type { ModerationVerdict } from './providers/types.js';

export interface PendingPost {
  id: string;
  authorId: string;
  createdAt: string;
}

export type DecisionOutcome = { status: 'APPROVED' | 'FLAGGED'; notificationId: string } | { status: 'skipped' };

export const moderationNote = (verdict: ModerationVerdict) => verdict.reasons.join('; ');

export async function applyVerdict(
  db: DynamoDBDocumentClient,
  table: string,
  post: PendingPost,
  verdict: ModerationVerdict,
  now: Date = new Date(),
): Promise<DecisionOutcome> {
  const approved = verdict.verdict === 'APPROVE';
  const status = approved ? 'APPROVED' : 'FLAGGED';
  const author = indexKeys.author(post.authorId, status, post.id);
  const nowIso = now.toISOString();
  const postUpdate = approved
    ? {
        UpdateExpression: 'SET #status = :status, feedPK = :feedPK, feedSK = :feedSK, authorPK = :authorPK, authorSK = :authorSK, moderatedAt = :now',
        values: { ...prefixed(indexKeys.feed(post.createdAt, post.id)) },
      }
    : {
        UpdateExpression:
          'SET #status = :status, queuePK = :queuePK, queueSK = :queueSK, authorPK = :authorPK, authorSK = :authorSK, moderationNote = :note, moderatedAt = :now',
        values: { ...prefixed(indexKeys.queue(nowIso, post.id)), ':note': moderationNote(verdict) },
      };
  const notificationId = newId(now);
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table,
              Key: keys.post(post.id),
              UpdateExpression: postUpdate.UpdateExpression,
              ConditionExpression: '#status = :pending',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ...postUpdate.values,
                ...prefixed(author),
                ':status': status,
                ':pending': 'PENDING',
                ':now': nowIso,
              },
            },
          },
          {
            Put: {
              TableName: table,
              Item: notificationItem(
                {
                  id: notificationId,
                  userId: post.authorId,
                  kind: approved ? 'POST_APPROVED' : 'POST_FLAGGED',
                  message: approved ? 'Your post is live in the feed' : `Your post is waiting for a moderator: ${moderationNote(verdict)}`,
                  postId: post.id,
                },
                now,
              ),
            },
          },
        ],
      }),
    );
    return { status, notificationId };
  } catch (err) {
    if (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      return { status: 'skipped' };
    }
    throw err;
  }
}

/** {feedPK: 'FEED'} → {':feedPK': 'FEED'} for ExpressionAttributeValues. */
function prefixed(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`:${k}`, v]));
}
