// Notifications: items under USER#<sub> / NOTIF#<ulid>, newest last in key order. "Read" is a cursor
// on the profile (notifsReadUpTo): a notification is read when its id <= the cursor. Marking read is
// then one write however many notifications there are, and the unread count is one Query of the keys
// above the cursor (projection SK only), capped at UNREAD_COUNT_MAX (clients show "99+").
import type { Notification, NotificationKind } from '../../infra/generated/graphql';
import { userPK, prefixes } from './keys';
import { queryPage } from './table';

export const UNREAD_COUNT_MAX = 100;

export interface NotificationItem {
  id: string;
  userId: string;
  kind: NotificationKind;
  message: string;
  postId?: string | null;
  actorId?: string | null;
  actorHandle?: string | null;
  amount?: number | null;
  balance?: number | null;
  read?: boolean;
  createdAt: string;
}

export function isRead(item: NotificationItem, readUpTo: string | null): boolean {
  return !!item.read || (readUpTo !== null && item.id <= readUpTo);
}

export function toNotification(item: NotificationItem, readUpTo: string | null): Notification {
  return {
    id: item.id,
    userId: item.userId,
    kind: item.kind,
    message: item.message,
    postId: item.postId || null,
    actorId: item.actorId || null,
    actorHandle: item.actorHandle || null,
    amount: item.amount === undefined ? null : item.amount,
    balance: item.balance === undefined ? null : item.balance,
    read: isRead(item, readUpTo),
    createdAt: item.createdAt,
  };
}

/**
 * The Query that counts unread notifications: sort keys strictly above NOTIF#<cursor>. ULIDs have a
 * fixed length, so `NOTIF#<cursor>#` sorts after the cursor itself and before every later id; '~'
 * sorts after every Crockford character.
 */
export function unreadCountQuery(sub: string, readUpTo: string | null) {
  const from = readUpTo ? `${prefixes.notification}${readUpTo}#` : prefixes.notification;
  return queryPage({
    pk: ['PK', userPK(sub)],
    sk: { name: 'SK', between: [from, `${prefixes.notification}~`] },
    limit: UNREAD_COUNT_MAX,
    forward: false,
    projection: ['SK'],
  });
}

/** The count from that Query's result (a following page means "at least the cap"). */
export function unreadCountOf(result: { items?: unknown[]; nextToken?: string | null } | null): number {
  if (!result) return 0;
  const n = (result.items || []).length;
  return result.nextToken ? UNREAD_COUNT_MAX : Math.min(n, UNREAD_COUNT_MAX);
}
