// redeemReward step 4: one TransactWriteItems — the redemption record (once per request id), the wallet
// (balance >= cost), the reward's stock (> 0) and the ledger entry, so balance == sum(ledger) always holds.
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType } from '../lib/errors';
import { keys } from '../lib/keys';
import { failedConditions, tableName } from '../lib/table';

// Positions of the items in the transaction, which is how cancellation reasons are reported.
const REDEMPTION = 0;
const WALLET = 1;
const REWARD = 2;

export function request(ctx: Context) {
  const table = tableName(ctx);
  const { sub, requestId, reward, balance, now } = ctx.stash;
  const txId = util.autoUlid();
  const redemption = {
    requestId,
    rewardId: reward.id,
    rewardName: reward.name,
    cost: reward.cost,
    // The balance read in step 3 minus the cost; a credit landing in between is not reflected here.
    balanceAfter: balance - reward.cost,
    createdAt: now,
  };
  ctx.stash.redemption = redemption;
  return ddb.transactWrite({
    items: [
      {
        putItem: {
          table,
          key: keys.redemption(sub, requestId),
          item: { type: 'REDEMPTION', ...redemption },
          condition: { PK: { attributeExists: false } },
        },
      },
      {
        updateItem: {
          table,
          key: keys.wallet(sub),
          update: { balance: ddb.operations.decrement(reward.cost) },
          condition: { balance: { ge: reward.cost } },
        },
      },
      {
        updateItem: {
          table,
          key: keys.reward(reward.id),
          update: { stock: ddb.operations.decrement(1) },
          condition: { stock: { gt: 0 } },
        },
      },
      {
        putItem: {
          table,
          key: keys.ledger(sub, txId),
          item: {
            type: 'TX',
            id: txId,
            amount: -reward.cost,
            kind: 'REDEMPTION',
            reason: `Redeemed ${reward.name}`,
            sourceEvent: `redeem:${requestId}`,
            createdAt: now,
          },
          condition: { PK: { attributeExists: false } },
        },
      },
    ],
  });
}

export function response(ctx: Context) {
  if (!ctx.error) return ctx.stash.redemption;
  const failed = failedConditions(ctx) || [];
  const { reward, balance } = ctx.stash;
  if (failed[REDEMPTION]) {
    // Another call with the same request id won the race: step 5 returns its redemption.
    ctx.stash.raced = true;
    return null;
  }
  if (failed[WALLET]) {
    util.error(`you no longer have enough coins; this reward costs ${reward.cost}`, ErrorType.InsufficientCoins, {
      balance,
      cost: reward.cost,
    });
  }
  if (failed[REWARD]) util.error(`${reward.name} is out of stock`, ErrorType.OutOfStock);
  return util.error(ctx.error.message, ctx.error.type);
}
