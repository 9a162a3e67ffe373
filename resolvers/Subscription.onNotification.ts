// A user's own notifications. Only the owner may subscribe; the enhanced filter makes AppSync deliver
// only publishNotification results whose userId is the caller's.
import { util, extensions, Context } from '@aws-appsync/utils';
import type { SubscriptionOnNotificationArgs } from '../infra/generated/graphql';
import { callerSub } from './lib/identity';

export function request(ctx: Context<SubscriptionOnNotificationArgs>) {
  if (ctx.args.userId !== callerSub(ctx)) util.unauthorized();
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnNotificationArgs>) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ userId: { eq: callerSub(ctx) } }));
  return null;
}
