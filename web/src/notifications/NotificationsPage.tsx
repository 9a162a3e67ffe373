// The notification list: likes received, coins earned, moderation outcomes; "mark all read".
import { useQueryClient } from '@tanstack/react-query';
import { notificationsQueryKey, useMarkNotificationsReadMutation, useNotificationsQuery } from '../api/generated/hooks';
import type { NotificationsQuery } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';
import { NOTIFICATIONS_PAGE } from './NotificationsProvider';

const when = (iso: string) => new Date(iso).toLocaleString();

export function NotificationsPage() {
  const qc = useQueryClient();
  const list = useNotificationsQuery(NOTIFICATIONS_PAGE);
  const markRead = useMarkNotificationsReadMutation({
    onSuccess: ({ markNotificationsRead: unreadCount }) =>
      qc.setQueryData<NotificationsQuery>(notificationsQueryKey(NOTIFICATIONS_PAGE), (old) =>
        old ? { notifications: { ...old.notifications, unreadCount, items: old.notifications.items.map((n) => ({ ...n, read: true })) } } : old,
      ),
  });
  const items = list.data?.notifications.items ?? [];
  const unread = list.data?.notifications.unreadCount ?? 0;
  return (
    <main className="page" aria-labelledby="notifications-title">
      <div className="row spread">
        <h1 id="notifications-title">Notifications</h1>
        <button type="button" disabled={unread === 0 || markRead.isPending} onClick={() => items[0] && markRead.mutate({ upTo: items[0].id })}>
          Mark all read
        </button>
      </div>
      <p aria-live="polite">{unread === 0 ? 'All caught up.' : `${unread} unread`}</p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <p role="alert">{humanMessage(list.error)}</p>}
      {markRead.isError && <p role="alert">{humanMessage(markRead.error)}</p>}
      <ul className="list">
        {items.map((n) => (
          <li key={n.id} className={n.read ? '' : 'unread'} data-testid="notification">
            <p>{n.message}</p>
            <small>
              {typeof n.amount === 'number' && n.amount > 0 && <span className="coins">+{n.amount} coins · </span>}
              <time dateTime={n.createdAt}>{when(n.createdAt)}</time>
            </small>
          </li>
        ))}
      </ul>
    </main>
  );
}
