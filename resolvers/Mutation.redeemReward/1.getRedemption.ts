// redeemReward step 1: the redemption already made with this request id, if any (a client retry).
import { Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { toRedemption } from '../lib/coins';

export function request(ctx: Context) {
  return ddb.get({ key: keys.redemption(ctx.stash.sub, ctx.stash.requestId), consistentRead: true });
}

export function response(ctx: Context) {
  failOnError(ctx);
  ctx.stash.existing = ctx.result ? toRedemption(ctx.result) : null;
  return ctx.stash.existing;
}
