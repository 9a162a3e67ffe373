// Live like/comment counts of one post, for anyone looking at it (API key or signed in): filtered on postId.
import { util, extensions, Context } from '@aws-appsync/utils';
import type { SubscriptionOnPostCountsArgs } from '../infra/generated/graphql';
import { idArg } from './lib/ids';

export function request(ctx: Context<SubscriptionOnPostCountsArgs>) {
  idArg('postId', ctx.args.postId);
  return { payload: null };
}

export function response(ctx: Context<SubscriptionOnPostCountsArgs>) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ postId: { eq: ctx.args.postId } }));
  return null;
}
