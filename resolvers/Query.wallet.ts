// Query.wallet: the caller's WALLET item and today's EARNED#<day> counter in one BatchGetItem
// (strongly consistent, so a balance read right after a redemption shows it).
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { failOnError } from './lib/errors';
import { callerSub } from './lib/identity';
import { keys } from './lib/keys';
import { tableName } from './lib/table';
import { toWallet, utcDay } from './lib/coins';

export function request(ctx: Context) {
  const sub = callerSub(ctx);
  return ddb.batchGet({
    tables: { [tableName(ctx)]: { keys: [keys.wallet(sub), keys.earned(sub, utcDay())], consistentRead: true } },
  });
}

export function response(ctx: Context) {
  failOnError(ctx);
  if (ctx.result.unprocessedKeys && ctx.result.unprocessedKeys[tableName(ctx)]) {
    const left = ctx.result.unprocessedKeys[tableName(ctx)];
    if (left.length > 0) util.error('the wallet could not be read right now; try again', 'Throttled');
  }
  const items: any[] = ctx.result.data[tableName(ctx)] || [];
  // Found by sort key rather than by position: a missing item is null, and null has no SK to confuse.
  const wallet = items.find((it) => it && it.SK === 'WALLET');
  const earned = items.find((it) => it && it.SK !== 'WALLET');
  return toWallet(wallet, earned);
}
