// Moderation: stream INSERT of POST items. Runs the provider (MODERATION_PROVIDER) on caption and image and
// moves the post out of PENDING (decide.ts). Reported posts re-entering the queue are the reportPost resolver's job.
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { dynamo } from '../lib/aws.js';
import { processStream } from '../lib/batch.js';
import { tableName } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { newImage, recordKey, requireString, type Item } from '../lib/stream.js';
import { applyVerdict } from './decide.js';
import { providerFromEnv, type ModerationInput, type ModerationProvider } from './providers/index.js';

const logger = createLogger('moderation');

interface StoredMedia {
  width?: number;
  height?: number;
  variants?: Array<{ width?: number; key?: string }>;
}

/** What the provider looks at: the caption and the largest rendition (what people see full screen). */
export function moderationInput(post: Item): ModerationInput {
  const media = (post.media ?? {}) as StoredMedia;
  const variants = [...(media.variants ?? [])].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  const imageKey = variants.at(-1)?.key;
  if (!imageKey) throw new Error(`post ${String(post.id)}: media has no variants`);
  return { caption: String(post.caption ?? ''), imageKey, width: Number(media.width ?? 0), height: Number(media.height ?? 0) };
}

export async function handleRecord(record: DynamoDBRecord, provider: ModerationProvider): Promise<void> {
  if (record.eventName !== 'INSERT' || recordKey(record).SK !== 'POST') return;
  const post = newImage(record);
  if (!post || post.status !== 'PENDING') return;
  const pending = {
    id: requireString(post, 'id', 'post'),
    authorId: requireString(post, 'authorId', 'post'),
    createdAt: requireString(post, 'createdAt', 'post'),
  };
  const verdict = await provider.check(moderationInput(post));
  const outcome = await applyVerdict(dynamo(), tableName(), pending, verdict);
  logger.info('moderated', { postId: pending.id, provider: provider.name, outcome: outcome.status, reasons: verdict.reasons });
}

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  const provider = providerFromEnv();
  return processStream(event, context, logger, (record) => handleRecord(record, provider));
}
