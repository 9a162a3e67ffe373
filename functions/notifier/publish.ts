// Which stream records become which publish mutation, and their inputs (pure).
import type { DynamoDBRecord } from 'aws-lambda';
import type { PublishModerationEventInput, PublishNotificationInput } from '../../infra/generated/graphql.js';
import { newImage, oldImage, recordKey, requireString, type Item } from '../lib/stream.js';
import { PUBLISH_MODERATION_EVENT, PUBLISH_NOTIFICATION } from './documents.js';

export type Publication =
  | { mutation: 'publishNotification'; query: typeof PUBLISH_NOTIFICATION; input: PublishNotificationInput }
  | { mutation: 'publishModerationEvent'; query: typeof PUBLISH_MODERATION_EVENT; input: PublishModerationEventInput };

const optionalString = (item: Item, name: string) => (typeof item[name] === 'string' ? (item[name] as string) : undefined);
const optionalInt = (item: Item, name: string) => (typeof item[name] === 'number' ? (item[name] as number) : undefined);

export function notificationInput(item: Item): PublishNotificationInput {
  return {
    id: requireString(item, 'id', 'notification'),
    userId: requireString(item, 'userId', 'notification'),
    kind: requireString(item, 'kind', 'notification') as PublishNotificationInput['kind'],
    message: requireString(item, 'message', 'notification'),
    postId: optionalString(item, 'postId'),
    actorId: optionalString(item, 'actorId'),
    actorHandle: optionalString(item, 'actorHandle'),
    amount: optionalInt(item, 'amount'),
    balance: optionalInt(item, 'balance'),
    createdAt: requireString(item, 'createdAt', 'notification'),
  };
}

/** queueSK is `<queuedAt>#<postId>`: its first part says when the post entered the queue. */
export function moderationEventInput(post: Item): PublishModerationEventInput {
  const queueSK = requireString(post, 'queueSK', 'post');
  const queuedAt = queueSK.slice(0, queueSK.lastIndexOf('#')) || new Date().toISOString();
  const status = requireString(post, 'status', 'post') as PublishModerationEventInput['status'];
  const note = optionalString(post, 'moderationNote');
  const reports = optionalInt(post, 'reportCount') ?? 0;
  const reason = status === 'FLAGGED' && note ? note : reports > 0 ? `reported ${reports} time${reports === 1 ? '' : 's'}` : note ?? 'needs review';
  return { postId: requireString(post, 'id', 'post'), status, reason, createdAt: queuedAt };
}

/** The publication a record calls for, or null (the stream filter lets more through than we publish). */
export function publicationFor(record: DynamoDBRecord): Publication | null {
  const { SK } = recordKey(record);
  const item = newImage(record);
  if (!item) return null;
  if (SK.startsWith('NOTIF#') && record.eventName === 'INSERT') {
    return { mutation: 'publishNotification', query: PUBLISH_NOTIFICATION, input: notificationInput(item) };
  }
  if (SK === 'POST' && (record.eventName === 'INSERT' || record.eventName === 'MODIFY')) {
    const before = oldImage(record);
    // The post entered the moderation queue in this change.
    if (typeof item.queueSK === 'string' && item.queueSK !== before?.queueSK) {
      return { mutation: 'publishModerationEvent', query: PUBLISH_MODERATION_EVENT, input: moderationEventInput(item) };
    }
  }
  return null;
}
