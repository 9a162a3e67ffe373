// Mutation.publishNotification (IAM only: the notifier function, SigV4): echoes a stored notification through
// the NONE data source so that AppSync pushes it to the owner's onNotification subscription.
import { util, Context } from '@aws-appsync/utils';

export function request(ctx: Context) {
  // The schema allows only IAM here; refusing other modes again costs nothing.
  if (util.authType() !== 'IAM Authorization') util.unauthorized();
  const input = ctx.args.input;
  return {
    payload: {
      id: input.id,
      userId: input.userId,
      kind: input.kind,
      message: input.message,
      postId: input.postId || null,
      actorId: input.actorId || null,
      actorHandle: input.actorHandle || null,
      amount: input.amount === undefined ? null : input.amount,
      balance: input.balance === undefined ? null : input.balance,
      // a notification is unread when it is pushed
      read: false,
      createdAt: input.createdAt,
    },
  };
}

export function response(ctx: Context) {
  return ctx.result;
}
