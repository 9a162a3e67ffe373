// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ModerationPage } from './ModerationPage';
import { fakeApi, renderApp, users } from '../test/harness';
import { post } from '../test/fixtures';

afterEach(cleanup);

const queued = { ...post(7, { status: 'FLAGGED', moderationNote: 'link spam' }), reportCount: 3 };

function adminApi(extra = {}) {
  return fakeApi({
    ModerationQueue: () => ({ moderationQueue: { items: [queued], nextToken: null } }),
    PostReports: () => ({
      postReports: { items: [{ postId: 'post-7', reporterId: 'sub-x', reason: 'spam link in caption', createdAt: '2026-11-22T10:00:00.000Z' }], nextToken: null },
    }),
    AuditLog: () => ({ auditLog: { items: [], nextToken: null } }),
    ...extra,
  });
}

describe('ModerationPage', () => {
  it('is closed to people outside the admins group, without calling any admin field', async () => {
    for (const user of [null, users.alice]) {
      const api = adminApi();
      renderApp(<ModerationPage />, { api, user });
      expect((await screen.findByRole('alert')).textContent).toBe('This page is for moderators only.');
      expect(api.calls).toEqual([]);
      expect(api.subscriptions('OnModerationEvent')).toEqual([]);
      cleanup();
    }
  });

  it('shows admins the queue with images and reports and the audit log, and listens for new items', async () => {
    const api = adminApi();
    renderApp(<ModerationPage />, { api, user: users.admin });
    const item = await screen.findByTestId('queue-item');
    expect(within(item).getByRole('img', { name: 'Caption 7' }).getAttribute('srcset')).toContain('http://media.test/p7/1080.webp 1080w');
    expect(within(item).getByText(/3 reports/)).toBeTruthy();
    expect(await within(item).findByText('“spam link in caption”')).toBeTruthy();
    expect(await screen.findByText('No decisions that day.')).toBeTruthy();
    expect(api.subscriptions('OnModerationEvent')).toEqual([{}]);
  });

  it('rejects with a note and takes the post out of the queue', async () => {
    const api = adminApi({
      ModeratePost: ({ input }: { input: { postId: string; decision: string; note: string | null } }) => ({
        moderatePost: { ...queued, status: input.decision === 'REJECT' ? 'REJECTED' : 'APPROVED', moderationNote: input.note },
      }),
    });
    renderApp(<ModerationPage />, { api, user: users.admin });
    const item = await screen.findByTestId('queue-item');
    fireEvent.change(within(item).getByLabelText('Note (sent to the author)'), { target: { value: 'No spam, please' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(screen.queryByTestId('queue-item')).toBeNull());
    expect(api.calls.find((c) => c.operation === 'ModeratePost')?.variables).toEqual({
      input: { postId: 'post-7', decision: 'REJECT', note: 'No spam, please' },
    });
    expect(screen.getByTestId('toast').textContent).toContain('Rejected');
  });
});
