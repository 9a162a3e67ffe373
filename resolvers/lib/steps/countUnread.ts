// Pipeline step: how many notifications are newer than ctx.stash.readUpTo (one keys-only Query, capped)
// into ctx.stash.unread.
import { Context } from '@aws-appsync/utils';
import { failOnError } from '../errors';
import { unreadCountOf, unreadCountQuery } from '../notification';

export function request(ctx: Context) {
  return unreadCountQuery(ctx.stash.sub, ctx.stash.readUpTo || null);
}

export function response(ctx: Context): number {
  failOnError(ctx);
  ctx.stash.unread = unreadCountOf(ctx.result);
  return ctx.stash.unread;
}
