// A post's comments, oldest first (conversation order), only where the caller may see the post: approved
// posts for everyone, others for their author and admins (lib/post canSee), as Query.post decides.
// Pipeline: 1) get the post (one GetItem, status and author only), 2) one Query of its COMMENT# items — or,
// for a post the caller may not see (or that does not exist), an empty page without querying: the same answer
// as for a post that was never there, so a hidden post's existence is not revealed.
import { Context } from '@aws-appsync/utils';
import type { CommentConnection, QueryCommentsArgs } from '../../infra/generated/graphql';
import { idArg } from '../lib/ids';
import { pageLimit } from '../lib/validate';

export function request(ctx: Context<QueryCommentsArgs>) {
  ctx.stash.postId = idArg('postId', ctx.args.postId);
  ctx.stash.limit = pageLimit(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryCommentsArgs>): CommentConnection {
  return ctx.prev.result as CommentConnection;
}
