// Pipeline step (likePost/unlikePost): re-read the post strongly consistent after the write, so the counts
// returned (and pushed to onPostCounts subscribers) are the stored ones, not a stale read plus one.
import { util, Context } from '@aws-appsync/utils';
import type { PostCounts } from '../../../infra/generated/graphql';
import { ErrorType, failOnError } from '../errors';
import { keys } from '../keys';
import { toCounts, type PostItem } from '../post';
import { getItem } from '../table';

export function request(ctx: Context) {
  return getItem(keys.post(ctx.stash.postId), true);
}

export function response(ctx: Context): PostCounts {
  failOnError(ctx);
  if (!ctx.result) util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  return toCounts(ctx.result as PostItem, !!ctx.stash.liked);
}
