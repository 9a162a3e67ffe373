// redeemReward step 5: only after a lost race on the request id (step 4 set stash.raced) — the redemption
// the other call made, read consistently. Otherwise step 4's redemption passes straight through.
import { util, runtime, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { toRedemption } from '../lib/coins';

export function request(ctx: Context) {
  if (!ctx.stash.raced) runtime.earlyReturn(ctx.prev.result, { skipTo: 'END' });
  return ddb.get({ key: keys.redemption(ctx.stash.sub, ctx.stash.requestId), consistentRead: true });
}

export function response(ctx: Context) {
  failOnError(ctx);
  if (!ctx.result) util.error('the redemption conflicted with another request; try again', ErrorType.Conflict);
  return toRedemption(ctx.result);
}
