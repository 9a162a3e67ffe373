// addComment: 1) the post must be APPROVED, 2) the caller's handle, 3) one transaction: the COMMENT item
// + commentCount. (The +5 coins come later from the table stream.)
import { util, Context } from '@aws-appsync/utils';
import type { Comment, MutationAddCommentArgs } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';
import { LIMITS, text } from '../lib/validate';

export function request(ctx: Context<MutationAddCommentArgs>) {
  const input = ctx.args.input;
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.postId = idArg('postId', input.postId);
  ctx.stash.text = text('text', input.text, 1, LIMITS.comment);
  ctx.stash.commentId = util.autoUlid();
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationAddCommentArgs>): Comment {
  return ctx.prev.result as Comment;
}
