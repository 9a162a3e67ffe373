// requestUpload's Lambda resolver. The resolver's request handler sends {operation: 'Invoke', payload: {sub,
// contentType, size}}, so the event is that payload; a plain direct Lambda resolver event (arguments.input +
// identity) is accepted too. Errors reach the resolver as ctx.error (type Lambda:Unhandled).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { UploadTicket } from '../../infra/generated/graphql.js';
import { keys } from '../../resolvers/lib/keys.js';
import { dynamo, s3 } from '../lib/aws.js';
import { mediaBucket, tableName } from '../lib/env.js';
import { newId } from '../lib/ids.js';
import { uploadKey } from '../lib/media.js';
import { ttlAfterDays } from '../lib/time.js';
import { presignUpload, validateTicketRequest, type TicketRequest } from './ticket.js';

export type UploadTicketEvent =
  | Partial<TicketRequest>
  | { arguments?: { input?: { contentType?: string; size?: number } }; identity?: { sub?: string } | null };

function requestOf(event: UploadTicketEvent): TicketRequest {
  if ('arguments' in event || 'identity' in event) {
    const direct = event as { arguments?: { input?: { contentType?: string; size?: number } }; identity?: { sub?: string } | null };
    return validateTicketRequest({ sub: direct.identity?.sub, ...direct.arguments?.input });
  }
  return validateTicketRequest(event as Partial<TicketRequest>);
}

export async function handler(event: UploadTicketEvent): Promise<UploadTicket> {
  const request = requestOf(event);
  const now = new Date();
  const uploadId = newId(now);
  const ticket = await presignUpload(s3(), mediaBucket(), request, uploadId, now);
  // The upload's status lives here until the image function marks it READY/REJECTED; unused ones expire in a day.
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.upload(request.sub, uploadId),
        type: 'UPLOAD',
        id: uploadId,
        userId: request.sub,
        status: 'PENDING',
        contentType: request.contentType,
        declaredSize: request.size,
        key: uploadKey(request.sub, uploadId),
        createdAt: now.toISOString(),
        expiresAt: ttlAfterDays(now, 1),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return ticket;
}
