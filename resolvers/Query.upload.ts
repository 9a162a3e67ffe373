// Status of one of the caller's uploads (the image function marks it READY or REJECTED with a reason).
// The key holds the caller's sub, so nobody can read someone else's upload.
import { Context } from '@aws-appsync/utils';
import type { QueryUploadArgs, Upload } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { callerSub } from './lib/identity';
import { idArg } from './lib/ids';
import { keys } from './lib/keys';
import { getItem } from './lib/table';

export function request(ctx: Context<QueryUploadArgs>) {
  return getItem(keys.upload(callerSub(ctx), idArg('id', ctx.args.id)));
}

export function response(ctx: Context<QueryUploadArgs>): Upload | null {
  failOnError(ctx);
  const item = ctx.result as { id: string; status: Upload['status']; reason?: string | null } | null;
  if (!item) return null;
  return { id: item.id, status: item.status, reason: item.reason || null };
}
