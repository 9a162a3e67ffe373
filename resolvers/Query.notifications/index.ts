// notifications: the caller's newest first + unreadCount. 1) their read cursor, 2) one page (one Query of
// NOTIF# items), 3) the unread count (one keys-only Query above the cursor). See lib/notification.ts.
import { Context } from '@aws-appsync/utils';
import type { NotificationConnection, QueryNotificationsArgs } from '../../infra/generated/graphql';
import { callerSub } from '../lib/identity';
import { toNotification, type NotificationItem } from '../lib/notification';
import { pageLimit } from '../lib/validate';

export function request(ctx: Context<QueryNotificationsArgs>) {
  ctx.stash.sub = callerSub(ctx);
  ctx.stash.limit = pageLimit(ctx.args.limit);
  return {};
}

export function response(ctx: Context<QueryNotificationsArgs>): NotificationConnection {
  const readUpTo = ctx.stash.readUpTo || null;
  const page = ctx.stash.page;
  return {
    items: (page.items as NotificationItem[]).map((item) => toNotification(item, readUpTo)),
    nextToken: page.nextToken || null,
    unreadCount: ctx.stash.unread,
  };
}
