// Rewards: earns coins from the table's stream (a post, like or comment item appearing), exactly the coin
// rules of docs/data-model.md, and tells a post's author about a new comment (COMMENT_RECEIVED). Failed records are reported in batchItemFailures (retried, then dead-lettered).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { keys } from '../../resolvers/lib/keys.js';
import { dynamo } from '../lib/aws.js';
import { processStream } from '../lib/batch.js';
import { tableName } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { commentNoticeFor, saveCommentNotice } from './comment-notice.js';
import { credit } from './credit.js';
import { creditEventFor, type Lookups } from './events.js';

const logger = createLogger('rewards');

function lookups(table: string): Lookups {
  const db = dynamo();
  return {
    async postAuthor(postId) {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: keys.post(postId), ProjectionExpression: 'authorId' }));
      return typeof Item?.authorId === 'string' ? Item.authorId : undefined;
    },
    async handleOf(sub) {
      const { Item } = await db.send(new GetCommand({ TableName: table, Key: keys.profile(sub), ProjectionExpression: 'handle' }));
      return typeof Item?.handle === 'string' ? Item.handle : undefined;
    },
  };
}

export async function handleRecord(record: DynamoDBRecord): Promise<void> {
  const table = tableName();
  const look = lookups(table);
  const event = await creditEventFor(record, look);
  if (event) {
    const outcome = await credit(dynamo(), table, event);
    if (outcome.status === 'duplicate') {
      logger.info('already credited', { eventKey: event.eventKey, userId: event.userId });
    } else {
      logger.info('credited', { eventKey: event.eventKey, userId: event.userId, amount: outcome.amount, day: outcome.day });
    }
  }
  // After the credit: if this write fails the record is retried, the credit then reads as a duplicate and
  // the notice is written; both are idempotent, so neither happens twice.
  const notice = await commentNoticeFor(record, look);
  if (notice) {
    const written = await saveCommentNotice(dynamo(), table, notice);
    logger.info(written ? 'comment notice' : 'comment notice already written', { commentId: notice.commentId, userId: notice.userId });
  }
}

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  return processStream(event, context, async (record) => {
    try {
      await handleRecord(record);
    } catch (err) {
      logger.error('record failed', { eventID: record.eventID, error: err as Error });
      throw err;
    }
  });
}
