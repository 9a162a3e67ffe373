// redeemReward step 3: the caller's balance, for a clear error before writing anything (the transaction's
// condition still guards the race with a concurrent redemption).
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';

export function request(ctx: Context) {
  return ddb.get({ key: keys.wallet(ctx.stash.sub), consistentRead: true });
}

export function response(ctx: Context) {
  failOnError(ctx);
  const balance: number = ctx.result ? ctx.result.balance || 0 : 0;
  const cost: number = ctx.stash.reward.cost;
  if (balance < cost) {
    util.error(`you have ${balance} coins; this reward costs ${cost}`, ErrorType.InsufficientCoins, { balance, cost });
  }
  ctx.stash.balance = balance;
  return { balance };
}
