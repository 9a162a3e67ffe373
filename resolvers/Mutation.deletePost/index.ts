// deletePost: the author removes their own post. 1) get it (missing → NotFound, someone else's →
// Unauthorized), 2) one transaction: delete the POST item (condition: still theirs) + postCount -1.
// Choice: the post item is deleted, not marked. Its LIKE#/COMMENT#/REPORT# items stay behind in the
// post's partition as orphans: nothing lists them without the post (comments of a deleted post are only
// reachable by its id), and coins already earned stay earned (the ledger is never rewritten).
import { Context } from '@aws-appsync/utils';
import type { MutationDeletePostArgs, Post } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';

export function request(ctx: Context<MutationDeletePostArgs>) {
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.postId = idArg('id', ctx.args.id);
  return {};
}

export function response(ctx: Context<MutationDeletePostArgs>): Post {
  return ctx.prev.result as Post;
}
