// redeemReward step 2: the reward (NotFound if it is not in the catalogue). A retry ends here with the
// redemption step 1 found.
import { util, runtime, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';

export function request(ctx: Context) {
  if (ctx.stash.existing) runtime.earlyReturn(ctx.stash.existing, { skipTo: 'END' });
  return ddb.get({ key: keys.reward(ctx.stash.rewardId), consistentRead: true });
}

export function response(ctx: Context) {
  failOnError(ctx);
  if (!ctx.result) util.error(`rewardId: no reward ${ctx.stash.rewardId}`, ErrorType.NotFound, { field: 'rewardId' });
  if (ctx.result.stock < 1) util.error(`${ctx.result.name} is out of stock`, ErrorType.OutOfStock);
  ctx.stash.reward = { id: ctx.result.id, name: ctx.result.name, cost: ctx.result.cost };
  return ctx.stash.reward;
}
