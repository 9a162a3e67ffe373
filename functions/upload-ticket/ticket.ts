// The upload ticket: a presigned POST that lets the browser put exactly one image of the declared type and at
// most 10 MiB straight into uploads/<sub>/<uploadId>, for 5 minutes.
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { UploadTicket } from '../../infra/generated/graphql.js';
import { UPLOAD } from '../../resolvers/lib/limits.js';
import { MAX_UPLOAD_BYTES, uploadKey } from '../lib/media.js';

export const TICKET_SECONDS = 5 * 60;
export const IMAGE_TYPES = UPLOAD.imageTypes;

export interface TicketRequest {
  sub: string;
  contentType: string;
  size: number;
}

/** Same limits as the resolver checks (schema.graphql header): defence in depth, field named in the error. */
export function validateTicketRequest(input: Partial<TicketRequest>): TicketRequest {
  const { sub, contentType, size } = input;
  if (typeof sub !== 'string' || sub === '') throw new Error('sub: the caller is missing');
  if (typeof contentType !== 'string' || !(IMAGE_TYPES as readonly string[]).includes(contentType)) {
    throw new Error(`contentType: must be one of ${IMAGE_TYPES.join(', ')}`);
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_UPLOAD_BYTES) {
    throw new Error(`size: must be between 1 and ${MAX_UPLOAD_BYTES} bytes`);
  }
  return { sub, contentType, size };
}

export async function presignUpload(
  s3: S3Client,
  bucket: string,
  request: TicketRequest,
  uploadId: string,
  now: Date,
): Promise<UploadTicket> {
  const { url, fields } = await createPresignedPost(s3, {
    Bucket: bucket,
    Key: uploadKey(request.sub, uploadId),
    Conditions: [
      ['content-length-range', 1, MAX_UPLOAD_BYTES],
      ['eq', '$Content-Type', request.contentType],
    ],
    Fields: { 'Content-Type': request.contentType },
    Expires: TICKET_SECONDS,
  });
  return {
    uploadId,
    url,
    fields: JSON.stringify(fields),
    maxBytes: MAX_UPLOAD_BYTES,
    expiresAt: new Date(now.getTime() + TICKET_SECONDS * 1000).toISOString(),
  };
}
