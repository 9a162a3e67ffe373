// reportPost: 1) an APPROVED post that is not the caller's, 2) one transaction: the REPORT item (one per
// user and post) + reportCount, 3) put the post in the moderation queue once it has REPORTS_TO_QUEUE
// reports (it stays in the feed until an admin decides).
import { util, Context } from '@aws-appsync/utils';
import type { MutationReportPostArgs, Report } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';
import { LIMITS, text } from '../lib/validate';

export function request(ctx: Context<MutationReportPostArgs>) {
  const input = ctx.args.input;
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.postId = idArg('postId', input.postId);
  ctx.stash.reason = text('reason', input.reason, 1, LIMITS.reason);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context<MutationReportPostArgs>): Report {
  return {
    postId: ctx.stash.postId,
    reporterId: ctx.stash.sub,
    reason: ctx.stash.reason,
    createdAt: ctx.stash.now,
  };
}
