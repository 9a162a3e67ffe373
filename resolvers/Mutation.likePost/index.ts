// likePost: 1) the post must be APPROVED, 2) the caller's handle (stored on the like for the author's
// notification), 3) one transaction: the LIKE item (exists once) + likeCount, 4) the stored counts. Liking twice is not an error: it returns the counts with liked = true.
// The result triggers onPostCounts, so the selection of the mutation must include every PostCounts field.
import { Context } from '@aws-appsync/utils';
import type { MutationLikePostArgs, PostCounts } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';

export function request(ctx: Context<MutationLikePostArgs>) {
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.postId = idArg('postId', ctx.args.postId);
  return {};
}

export function response(ctx: Context<MutationLikePostArgs>): PostCounts {
  return ctx.prev.result as PostCounts;
}
