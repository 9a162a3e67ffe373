// Pipeline step: get the post in ctx.stash.postId; anything but an APPROVED post is NotFound (people can
// only like, comment on and report what they can see). Leaves the item in ctx.stash.post.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError } from '../errors';
import { keys } from '../keys';
import type { PostItem } from '../post';
import { getItem } from '../table';

export function request(ctx: Context) {
  return getItem(keys.post(ctx.stash.postId));
}

export function response(ctx: Context): PostItem {
  failOnError(ctx);
  const item = ctx.result as PostItem | null;
  if (!item || item.status !== 'APPROVED') {
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
  ctx.stash.post = item;
  return item as PostItem;
}
