// createPost: 1) the caller's processed upload, 2) their handle, 3) one transaction: the POST item
// (PENDING until moderation decides) + the upload marked used (so one upload makes one post) + the
// profile's postCount.
import { util, Context } from '@aws-appsync/utils';
import type { MutationCreatePostArgs, Post } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';
import { LIMITS, text } from '../lib/validate';

export function request(ctx: Context<MutationCreatePostArgs>) {
  const input = ctx.args.input;
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.uploadId = idArg('uploadId', input.uploadId);
  ctx.stash.caption = text('caption', input.caption, 0, LIMITS.caption);
  ctx.stash.postId = util.autoUlid();
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationCreatePostArgs>): Post {
  return ctx.prev.result as Post;
}
