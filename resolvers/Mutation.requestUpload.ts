// A presigned POST for one image, made by the uploadTicket Lambda (direct Lambda resolver). The resolver
// checks the contract's limits first, so a bad request never reaches the function.
import { Context } from '@aws-appsync/utils';
import type { MutationRequestUploadArgs, UploadTicket } from '../infra/generated/graphql';
import { failOnError, invalid } from './lib/errors';
import { callerSub } from './lib/identity';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function request(ctx: Context<MutationRequestUploadArgs>) {
  const sub = callerSub(ctx);
  const { contentType, size } = ctx.args.input;
  if (IMAGE_TYPES.indexOf(contentType) < 0) invalid('contentType', `must be one of ${IMAGE_TYPES.join(', ')}`);
  if (size < 1 || size > MAX_UPLOAD_BYTES) invalid('size', `must be between 1 and ${MAX_UPLOAD_BYTES} bytes`);
  return { operation: 'Invoke', payload: { sub, contentType, size } };
}

export function response(ctx: Context<MutationRequestUploadArgs>): UploadTicket {
  failOnError(ctx);
  return ctx.result as UploadTicket;
}
