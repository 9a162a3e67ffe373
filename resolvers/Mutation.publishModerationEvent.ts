// Mutation.publishModerationEvent (IAM only: the notifier function, SigV4): echoes the event through the NONE
// data source so that AppSync pushes it to the admins' onModerationEvent subscription.
import { util, Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  if (util.authType() !== 'IAM Authorization') util.unauthorized();
  const input = ctx.args.input;
  return { payload: { postId: input.postId, status: input.status, reason: input.reason, createdAt: input.createdAt } };
}

export function response(ctx: Context) {
  return ctx.result;
}
