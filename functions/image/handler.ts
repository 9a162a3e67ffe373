// Image function: S3 object-created under uploads/<sub>/<uploadId>. Verifies and renders the image
// (process.ts), writes media/<uploadId>/<width>.webp, marks the UPLOAD item READY (with media) or REJECTED
// (with a reason people can read), and deletes the raw upload. Safe to run twice for one object.
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import { keys } from '../../resolvers/lib/keys.js';
import { dynamo, s3 } from '../lib/aws.js';
import { tableName } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { MAX_UPLOAD_BYTES, mediaKey } from '../lib/media.js';
import { processImage, type ImageResult } from './process.js';

const logger = createLogger('image');
/** Renditions are immutable (a new upload gets a new id): cache them for a year. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** uploads/<sub>/<uploadId> → its parts; S3 event keys are URL-encoded with spaces as '+'. */
export function parseUploadKey(rawKey: string): { key: string; sub: string; uploadId: string } | undefined {
  const key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  const match = /^uploads\/([^/]+)\/([^/]+)$/.exec(key);
  return match ? { key, sub: match[1], uploadId: match[2] } : undefined;
}

export type RecordOutcome = 'READY' | 'REJECTED' | 'skipped';

async function readObject(bucket: string, key: string): Promise<Buffer | undefined> {
  try {
    const object = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if ((object.ContentLength ?? 0) > MAX_UPLOAD_BYTES) return Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (err) {
    if (err instanceof NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return undefined;
    throw err;
  }
}

async function markUpload(sub: string, uploadId: string, result: ImageResult, variantKeys: string[]): Promise<boolean> {
  const update = result.ok
    ? {
        UpdateExpression: 'SET #status = :status, media = :media, processedAt = :now',
        ExpressionAttributeValues: {
          ':status': 'READY',
          ':media': {
            width: result.width,
            height: result.height,
            placeholder: result.placeholder,
            variants: result.renditions.map((r, i) => ({ width: r.width, height: r.height, key: variantKeys[i] })),
          },
        },
      }
    : {
        UpdateExpression: 'SET #status = :status, reason = :reason, processedAt = :now',
        ExpressionAttributeValues: { ':status': 'REJECTED', ':reason': result.reason },
      };
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.upload(sub, uploadId),
        UpdateExpression: update.UpdateExpression,
        // Only a pending upload moves: a redelivered event changes nothing.
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ':pending': 'PENDING', ':now': new Date().toISOString() },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

export async function handleRecord(record: S3EventRecord): Promise<RecordOutcome> {
  const bucket = record.s3.bucket.name;
  const parsed = parseUploadKey(record.s3.object.key);
  if (!parsed) {
    logger.warn('not an upload key', { key: record.s3.object.key });
    return 'skipped';
  }
  const { key, sub, uploadId } = parsed;
  const upload = (await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.upload(sub, uploadId), ConsistentRead: true }))).Item;
  if (!upload || upload.status !== 'PENDING') {
    // No ticket (a stray object) or already processed (redelivery): nothing to render; drop the raw bytes.
    logger.info('upload not pending', { key, status: upload?.status });
    await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return 'skipped';
  }
  const body = await readObject(bucket, key);
  if (!body) {
    logger.info('upload object already gone', { key });
    return 'skipped';
  }
  const result: ImageResult =
    body.length > MAX_UPLOAD_BYTES ? { ok: false, reason: `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB` } : await processImage(body);
  const variantKeys: string[] = [];
  if (result.ok) {
    for (const rendition of result.renditions) {
      const mediaObjectKey = mediaKey(uploadId, rendition.width);
      await s3().send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: mediaObjectKey,
          Body: rendition.body,
          ContentType: 'image/webp',
          CacheControl: MEDIA_CACHE_CONTROL,
        }),
      );
      variantKeys.push(mediaObjectKey);
    }
  }
  const moved = await markUpload(sub, uploadId, result, variantKeys);
  // Delete the raw upload only once its outcome is stored: a crash before this point is retried from scratch.
  await s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  const outcome = result.ok ? 'READY' : 'REJECTED';
  logger.info('upload processed', { key, outcome, moved, ...(result.ok ? {} : { reason: result.reason }) });
  return moved ? outcome : 'skipped';
}

/** S3 delivers one record per event in practice; each is handled in turn and a failure fails the invocation (retried by Lambda). */
export async function handler(event: S3Event): Promise<{ processed: Array<{ key: string; outcome: RecordOutcome }> }> {
  const processed: Array<{ key: string; outcome: RecordOutcome }> = [];
  for (const record of event.Records) {
    processed.push({ key: record.s3.object.key, outcome: await handleRecord(record) });
  }
  return { processed };
}
