// Query.myRedemptions: the caller's REDEEM#<requestId> items. Request ids are made by clients, so the order
// is by request id (newest first when clients use ULIDs, as the web app does), not strictly by time.
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { callerSub } from './lib/identity';
import { prefixes, userPK } from './lib/keys';
import { queryByPrefix } from './lib/listing';
import { toRedemption } from './lib/coins';

export function request(ctx: Context) {
  return queryByPrefix(userPK(callerSub(ctx)), prefixes.redemption, ctx.args, true);
}

export function response(ctx: Context) {
  failOnError(ctx);
  return { items: ctx.result.items.map(toRedemption), nextToken: ctx.result.nextToken || null };
}
