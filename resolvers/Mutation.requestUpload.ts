// A presigned POST for one image, made by the uploadTicket Lambda (direct Lambda resolver). The resolver
// checks the contract's limits first, so a bad request never reaches the function.
import { Context } from '@aws-appsync/utils';
import type { MutationRequestUploadArgs, UploadTicket } from '../infra/generated/graphql';
import { failOnError, invalid } from './lib/errors';
import { callerSub } from './lib/identity';
import { UPLOAD } from './lib/limits';

export function request(ctx: Context<MutationRequestUploadArgs>) {
  const sub = callerSub(ctx);
  const { contentType, size } = ctx.args.input;
  const types: readonly string[] = UPLOAD.imageTypes;
  if (types.indexOf(contentType) < 0) invalid('contentType', `must be one of ${types.join(', ')}`);
  if (size < 1 || size > UPLOAD.maxBytes) invalid('size', `must be between 1 and ${UPLOAD.maxBytes} bytes`);
  return { operation: 'Invoke', payload: { sub, contentType, size } };
}

export function response(ctx: Context<MutationRequestUploadArgs>): UploadTicket {
  failOnError(ctx);
  return ctx.result as UploadTicket;
}
