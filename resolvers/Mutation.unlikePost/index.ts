// unlikePost: 1) the post must be APPROVED, 2) one transaction: delete the LIKE item (if present) + likeCount -1,
// 3) the stored counts. Unliking what is not liked is not an error: it returns the counts with liked = false.
// The result triggers onPostCounts, so the selection of the mutation must include every PostCounts field.
import { Context } from '@aws-appsync/utils';
import type { MutationUnlikePostArgs, PostCounts } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';

export function request(ctx: Context<MutationUnlikePostArgs>) {
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.postId = idArg('postId', ctx.args.postId);
  return {};
}

export function response(ctx: Context<MutationUnlikePostArgs>): PostCounts {
  return ctx.prev.result as PostCounts;
}
