// markNotificationsRead(upTo): moves the caller's read cursor forward to upTo (one write, however many
// notifications that covers) and returns how many are still unread.
// 1) the current cursor, 2) the write (never backwards), 3) the unread count above the cursor.
import { Context } from '@aws-appsync/utils';
import type { MutationMarkNotificationsReadArgs } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { ulidArg } from '../lib/ids';

export function request(ctx: Context<MutationMarkNotificationsReadArgs>) {
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.upTo = ulidArg('upTo', ctx.args.upTo);
  return {};
}

export function response(ctx: Context<MutationMarkNotificationsReadArgs>): number {
  return ctx.stash.unread;
}
