// Rewards: earns coins from the table's stream (a post, like or comment item appearing), exactly the coin
// rules of docs/data-model.md, and tells a post's author about a new comment (COMMENT_RECEIVED). Failed
// records are reported in batchItemFailures (retried, then dead-lettered).
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

/** Reads one attribute of one item, at most once per batch: likes on a viral post share its author. */
function cachedAttribute(table: string, attribute: string): (key: Record<string, string>) => Promise<string | undefined> {
  const seen = new Map<string, Promise<string | undefined>>();
  return (key) => {
    const id = `${key.PK}|${key.SK}`;
    let value = seen.get(id);
    if (!value) {
      value = dynamo()
        .send(new GetCommand({ TableName: table, Key: key, ProjectionExpression: attribute }))
        .then(({ Item }) => (typeof Item?.[attribute] === 'string' ? (Item[attribute] as string) : undefined));
      // A failed read is not remembered: the next record that needs it reads again.
      value.catch(() => seen.delete(id));
      seen.set(id, value);
    }
    return value;
  };
}

function batchLookups(table: string): Lookups {
  const authorOf = cachedAttribute(table, 'authorId');
  const handleOf = cachedAttribute(table, 'handle');
  return { postAuthor: (postId) => authorOf(keys.post(postId)), handleOf: (sub) => handleOf(keys.profile(sub)) };
}

export async function handleRecord(record: DynamoDBRecord, look: Lookups = batchLookups(tableName())): Promise<void> {
  const table = tableName();
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
  const look = batchLookups(tableName());
  return processStream(event, context, logger, (record) => handleRecord(record, look));
}
