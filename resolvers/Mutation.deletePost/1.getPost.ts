// The post must exist and be the caller's.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import type { PostItem } from '../lib/post';
import { getItem } from '../lib/table';

export function request(ctx: Context) {
  return getItem(keys.post(ctx.stash.postId), true);
}

export function response(ctx: Context): PostItem {
  failOnError(ctx);
  const item = ctx.result as PostItem | null;
  if (!item) util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  if ((item as PostItem).authorId !== ctx.stash.sub) util.unauthorized();
  ctx.stash.post = item;
  return item as PostItem;
}
