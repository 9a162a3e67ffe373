// moderatePost step 1: the post as it is now (its status guards the write in step 2).
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';

export function request(ctx: Context) {
  return ddb.get({ key: keys.post(ctx.stash.postId), consistentRead: true });
}

export function response(ctx: Context) {
  failOnError(ctx);
  if (!ctx.result) util.error(`postId: no post ${ctx.stash.postId}`, ErrorType.NotFound, { field: 'postId' });
  ctx.stash.post = ctx.result;
  return ctx.result;
}
