// One page of the caller's notifications, newest first.
import { Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { prefixes, userPK } from '../lib/keys';
import { queryPage } from '../lib/table';

export function request(ctx: Context) {
  return queryPage({
    pk: ['PK', userPK(ctx.stash.sub)],
    sk: { name: 'SK', beginsWith: prefixes.notification },
    limit: ctx.stash.limit,
    nextToken: ctx.args.nextToken,
    forward: false,
  });
}

export function response(ctx: Context) {
  failOnError(ctx);
  ctx.stash.page = { items: ctx.result.items, nextToken: ctx.result.nextToken || null };
  return ctx.stash.page;
}
