// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { useQueryClient } from '@tanstack/react-query';
import { NotificationsProvider, useUnreadCount } from './NotificationsProvider';
import { fakeApi, renderApp, users } from '../test/harness';
import type { NotificationFieldsFragment, WalletQuery } from '../api/generated/graphql';

afterEach(cleanup);

function Probe() {
  const unread = useUnreadCount();
  const balance = useQueryClient().getQueryData<WalletQuery>(['Wallet', {}])?.wallet.balance;
  return (
    <p>
      unread {unread} balance {balance ?? '-'}
    </p>
  );
}

const coins: NotificationFieldsFragment = {
  id: 'n2',
  userId: users.alice.sub,
  kind: 'COINS_EARNED',
  message: 'Someone liked your post: +2 coins',
  postId: 'post-1',
  actorId: 'sub-bob',
  actorHandle: 'bob',
  amount: 2,
  balance: 12,
  read: false,
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('NotificationsProvider', () => {
  it('subscribes to the signed-in person’s own notifications and turns each into a toast, an unread count and a live balance', async () => {
    const api = fakeApi({
      Notifications: () => ({ notifications: { items: [], nextToken: null, unreadCount: 1 } }),
    });
    const { client } = renderApp(
      <NotificationsProvider>
        <Probe />
      </NotificationsProvider>,
      { api, user: users.alice },
    );
    // the wallet page has loaded the balance once; the notification moves it on
    client.setQueryData<WalletQuery>(['Wallet', {}], { wallet: { balance: 10, lifetimeEarned: 10, earnedToday: 10, dailyCap: 500 } });
    await screen.findByText('unread 1 balance 10');
    expect(api.subscriptions('OnNotification')).toEqual([{ userId: users.alice.sub }]);

    act(() => api.emit('OnNotification', { onNotification: coins }));
    expect((await screen.findByTestId('toast')).textContent).toContain('Someone liked your post: +2 coins');
    await screen.findByText('unread 2 balance 12');
    // the same event delivered twice counts once
    act(() => api.emit('OnNotification', { onNotification: coins }));
    expect(screen.getByText('unread 2 balance 12')).toBeTruthy();
  });

  it('opens no subscription for anonymous visitors', async () => {
    const api = fakeApi({});
    renderApp(
      <NotificationsProvider>
        <Probe />
      </NotificationsProvider>,
      { api },
    );
    await waitFor(() => expect(screen.getByText(/unread 0/)).toBeTruthy());
    expect(api.subscriptions('OnNotification')).toEqual([]);
    expect(api.calls).toEqual([]);
  });
});
