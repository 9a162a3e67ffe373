// The NOTIF# item every function writes (rewards' credits and comment notices, moderation's verdicts): one
// shape, and one lifetime, so the notifier and Query.notifications read the same thing whoever wrote it.
import type { NotificationItem } from '../../resolvers/lib/notification.js';
import { keys } from '../../resolvers/lib/keys.js';
import { ttlAfterDays } from './time.js';

/** Notifications expire (TTL) this many days after the event. */
export const NOTIFICATION_TTL_DAYS = 30;

/** A new, unread notification for `userId` about something that happened `at`. */
export function notificationItem(fields: Omit<NotificationItem, 'read' | 'createdAt'>, at: Date): Record<string, unknown> {
  return {
    ...keys.notification(fields.userId, fields.id),
    type: 'NOTIFICATION',
    ...fields,
    read: false,
    createdAt: at.toISOString(),
    expiresAt: ttlAfterDays(at, NOTIFICATION_TTL_DAYS),
  };
}
