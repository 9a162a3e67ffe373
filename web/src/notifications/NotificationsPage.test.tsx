// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { NotificationsPage } from './NotificationsPage';
import { NotificationsProvider, useUnreadCount } from './NotificationsProvider';
import { ApiError } from '../api/errors';
import { deferred, fakeApi, renderApp, users } from '../test/harness';
import type { MarkNotificationsReadMutation, NotificationFieldsFragment } from '../api/generated/graphql';

afterEach(cleanup);

const note = (n: number, over: Partial<NotificationFieldsFragment> = {}): NotificationFieldsFragment => ({
  id: `n${n}`,
  userId: users.alice.sub,
  kind: 'LIKE_RECEIVED',
  message: `Message ${n}`,
  postId: 'post-1',
  actorId: 'sub-bob',
  actorHandle: 'bob',
  amount: null,
  balance: null,
  read: false,
  createdAt: `2026-11-22T10:00:0${n}.000Z`,
  ...over,
});
const list = (items: NotificationFieldsFragment[], unreadCount: number) => ({ notifications: { items, nextToken: null, unreadCount } });

/** What the tab bar shows: the provider's unread count. */
function Badge() {
  return <p data-testid="badge">{useUnreadCount()}</p>;
}

function renderPage(api: ReturnType<typeof fakeApi>) {
  return renderApp(
    <NotificationsProvider>
      <Badge />
      <NotificationsPage />
    </NotificationsProvider>,
    { api, user: users.alice },
  );
}

const rows = () => screen.queryAllByTestId('notification');

describe('NotificationsPage', () => {
  it('lists the notifications, newest first, with coins and the unread count', async () => {
    const api = fakeApi({
      Notifications: () => list([note(3, { kind: 'COINS_EARNED', message: 'Bob liked your post', amount: 2 }), note(2, { read: true }), note(1)], 2),
    });
    renderPage(api);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((r) => r.querySelector('p')?.textContent)).toEqual(['Bob liked your post', 'Message 2', 'Message 1']);
    expect(within(rows()[0]).getByText(/\+2 coins/)).toBeTruthy();
    expect(within(rows()[1]).queryByText(/coins/)).toBeNull();
    expect(rows().map((r) => r.className)).toEqual(['unread', '', 'unread']);
    expect(screen.getByText('2 unread')).toBeTruthy();
    expect(screen.getByTestId('badge').textContent).toBe('2');
    expect(rows()[0].querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-22T10:00:03.000Z');
  });

  it('marks everything read up to the newest one; the page and the badge follow', async () => {
    const answer = deferred<MarkNotificationsReadMutation>();
    const api = fakeApi({ Notifications: () => list([note(2), note(1)], 2), MarkNotificationsRead: () => answer.promise });
    renderPage(api);
    const button = (await screen.findByRole('button', { name: 'Mark all read' })) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true)); // no double submit while it is on its way
    expect(api.calls.find((c) => c.operation === 'MarkNotificationsRead')?.variables).toEqual({ upTo: 'n2' });

    await act(async () => answer.resolve({ markNotificationsRead: 0 }));
    await screen.findByText('All caught up.');
    expect(rows().map((r) => r.className)).toEqual(['', '']);
    expect(screen.getByTestId('badge').textContent).toBe('0');
    expect(button.disabled).toBe(true);
  });

  it('shows a live notification at the top and counts it as unread', async () => {
    const api = fakeApi({ Notifications: () => list([note(1, { read: true })], 0) });
    renderPage(api);
    await screen.findByText('All caught up.');
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);

    act(() => api.emit('OnNotification', { onNotification: note(5, { message: 'Your post was approved', kind: 'POST_APPROVED' }) }));
    await screen.findByText('1 unread');
    expect(rows()[0].querySelector('p')?.textContent).toBe('Your post was approved');
    expect(screen.getByTestId('badge').textContent).toBe('1');
    expect((screen.getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('explains a failure to mark read in words and keeps the unread state', async () => {
    const api = fakeApi({
      Notifications: () => list([note(1)], 1),
      MarkNotificationsRead: () => {
        throw new ApiError('fetch failed', 'NetworkError');
      },
    });
    renderPage(api);
    await screen.findByText('1 unread');
    fireEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Can't reach the server. Check your connection and try again.");
    expect(screen.getByText('1 unread')).toBeTruthy();
    expect(rows()[0].className).toBe('unread');
  });
});
