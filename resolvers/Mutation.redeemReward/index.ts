// Mutation.redeemReward: spend coins on a reward in ONE transaction, idempotent by the client's request id.
// Steps: 1) an existing redemption for this request id is returned as is (a retry), 2) the reward must exist,
// 3) the wallet must hold enough (a clear error before any write), 4) the transaction, whose conditions
// still guard against races (balance >= cost, stock > 0, one redemption per request id), 5) a concurrent
// duplicate (the transaction lost on the request id) returns the redemption that won.
import { util, Context } from '@aws-appsync/utils';
import { callerSub } from '../lib/identity';
import { idArg } from '../lib/ids';

export function request(ctx: Context) {
  const input = ctx.args.input || {};
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.rewardId = idArg('rewardId', input.rewardId);
  ctx.stash.requestId = idArg('requestId', input.requestId);
  ctx.stash.now = util.time.nowISO8601();
  return {};
}

export function response(ctx: Context) {
  return ctx.prev.result;
}
