// Mutation.moderatePost (admins): approve or reject a post. Steps: 1) read the post (NotFound),
// 2) one transaction: the post's new status and index keys (approved → feed, out of the queue; rejected →
// out of both), an audit entry, and a notification for the author (the notifier publishes it).
import { util, Context } from '@aws-appsync/utils';
import { invalid } from '../lib/errors';
import { requireAdmin } from '../lib/identity';
import { LIMITS, text } from '../lib/validate';
import { DECISIONS } from '../lib/moderation';
import { idArg } from '../lib/ids';

export function request(ctx: Context) {
  const input = ctx.args.input || {};
  ctx.stash.adminId = requireAdmin(ctx);
  ctx.stash.postId = idArg('postId', input.postId);
  if (DECISIONS.indexOf(input.decision) < 0) invalid('decision', 'must be APPROVE or REJECT');
  ctx.stash.decision = input.decision;
  const note = text('note', input.note, 0, LIMITS.note);
  ctx.stash.note = note === '' ? null : note;
  ctx.stash.now = util.time.nowISO8601();
  ctx.stash.nowSeconds = util.time.nowEpochSeconds();
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
