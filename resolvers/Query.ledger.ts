// Query.ledger: the caller's ledger entries (TX#<ulid>), newest first — one Query on their partition.
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { callerSub } from './lib/identity';
import { prefixes, userPK } from './lib/keys';
import { queryByPrefix } from './lib/listing';
import { toLedgerEntry } from './lib/coins';

export function request(ctx: Context) {
  return queryByPrefix(userPK(callerSub(ctx)), prefixes.ledger, ctx.args, true);
}

export function response(ctx: Context) {
  failOnError(ctx);
  return { items: ctx.result.items.map(toLedgerEntry), nextToken: ctx.result.nextToken || null };
}
