// One live notification stream per signed-in person (onNotification, own user id only): each event
// becomes a toast, joins the cached list, bumps the unread count, moves the wallet balance, and is
// handed to pages that care (the post page follows its moderation outcome).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notificationsQueryKey, useNotificationsQuery, useOnNotificationSubscription, walletQueryKey } from '../api/generated/hooks';
import type { NotificationFieldsFragment, NotificationsQuery, WalletQuery } from '../api/generated/graphql';
import { useAuth } from '../auth/AuthContext';
import { useToast } from '../ui/Toasts';
import { patchPost } from '../feed/cache';

type Listener = (n: NotificationFieldsFragment) => void;

interface NotificationsState {
  unreadCount: number;
  listen(listener: Listener): () => void;
}

const Ctx = createContext<NotificationsState>({ unreadCount: 0, listen: () => () => undefined });

export const NOTIFICATIONS_PAGE = { limit: 20 };

export const useUnreadCount = () => useContext(Ctx).unreadCount;

/** Call `listener` for every live notification while the component is mounted. */
export function useNotificationEvents(listener: Listener): void {
  const { listen } = useContext(Ctx);
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => listen((n) => ref.current(n)), [listen]);
}

const POST_STATUS = { POST_APPROVED: 'APPROVED', POST_FLAGGED: 'FLAGGED', POST_REJECTED: 'REJECTED' } as const;

export function NotificationsProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { status, user } = useAuth();
  const signedIn = status === 'signedIn' && user !== null;
  const listeners = useRef(new Set<Listener>());
  const list = useNotificationsQuery(NOTIFICATIONS_PAGE, { enabled: signedIn });

  useOnNotificationSubscription(
    { userId: user?.sub ?? '' },
    {
      enabled: signedIn,
      onData: ({ onNotification: n }) => {
        if (!n) return;
        qc.setQueryData<NotificationsQuery>(notificationsQueryKey(NOTIFICATIONS_PAGE), (old) =>
          old && !old.notifications.items.some((x) => x.id === n.id)
            ? { notifications: { ...old.notifications, items: [n, ...old.notifications.items], unreadCount: old.notifications.unreadCount + 1 } }
            : old,
        );
        if (typeof n.balance === 'number') {
          const balance = n.balance;
          qc.setQueryData<WalletQuery>(walletQueryKey({}), (old) => (old ? { wallet: { ...old.wallet, balance } } : old));
          void qc.invalidateQueries({ queryKey: ['Wallet'] });
          void qc.invalidateQueries({ queryKey: ['Ledger'] });
        }
        const postStatus = POST_STATUS[n.kind as keyof typeof POST_STATUS];
        if (postStatus && n.postId) {
          patchPost(qc, n.postId, { status: postStatus });
          if (postStatus === 'APPROVED') void qc.invalidateQueries({ queryKey: ['Feed'] });
        }
        toast(n.message);
        for (const l of listeners.current) l(n);
      },
    },
  );

  const listen = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ unreadCount: signedIn ? (list.data?.notifications.unreadCount ?? 0) : 0, listen }), [signedIn, list.data, listen]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
