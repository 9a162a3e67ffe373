// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Feed } from './Feed';
import { ApiError } from '../api/errors';
import { deferred, fakeApi, renderApp, users } from '../test/harness';
import { feedPage } from '../test/fixtures';
import type { LikePostMutation } from '../api/generated/graphql';

afterEach(cleanup);

const slides = () => screen.getAllByTestId('post-slide');
const slide = (id: string) => slides().find((s) => s.dataset.postId === id)!;

describe('Feed', () => {
  it('renders slides with the placeholder at once and srcset images only for the current and next post', async () => {
    const api = fakeApi({ Feed: () => feedPage(1, 10, 'token-1') });
    renderApp(<Feed />, { api });

    await waitFor(() => expect(slides().length).toBeGreaterThan(0));
    // Virtual slides: only a window around the current one is in the DOM, not all ten.
    expect(slides().length).toBeLessThanOrEqual(3);
    const first = slide('post-1');
    expect(within(first).getByText('@author1')).toBeTruthy();
    expect(within(first).getByText('Caption 1')).toBeTruthy();
    const frame = within(first).getByTestId('post-image');
    expect(frame.style.backgroundImage).toContain('data:image/webp;base64,PLACEHOLDER1');
    const img = within(first).getByRole('img', { name: 'Photo by @author1: Caption 1' }) as HTMLImageElement;
    expect(img.getAttribute('srcset')).toBe(
      'http://media.test/p1/320.webp 320w, http://media.test/p1/640.webp 640w, http://media.test/p1/1080.webp 1080w',
    );
    expect(img.getAttribute('sizes')).toBe('100vw');

    // Exactly two image elements: the current post and the next one; nothing further ahead is requested.
    const requested = Array.from(document.querySelectorAll('img')).map((i) => i.getAttribute('src'));
    expect(requested).toEqual(['http://media.test/p1/320.webp', 'http://media.test/p2/320.webp']);
    expect(api.calls.filter((c) => c.operation === 'Feed')).toHaveLength(1);
    // only the visible post is focusable / announced
    expect(first.hasAttribute('inert')).toBe(false);
    expect(slide('post-2').hasAttribute('inert')).toBe(true);
  });

  it('fetches the next page before the end is reached', async () => {
    const api = fakeApi({
      Feed: (v) => (v.nextToken ? feedPage(4, 3, null) : feedPage(1, 3, 'token-1')),
    });
    renderApp(<Feed pageSize={3} />, { api });
    await waitFor(() => expect(api.calls.filter((c) => c.operation === 'Feed')).toHaveLength(2));
    expect(api.calls.map((c) => c.variables)).toEqual([
      { limit: 3, nextToken: null },
      { limit: 3, nextToken: 'token-1' },
    ]);
  });

  it('likes optimistically and rolls back with a clear message when the server refuses', async () => {
    const answer = deferred<LikePostMutation>();
    const api = fakeApi({
      Feed: () => feedPage(1, 2, null),
      LikedPosts: () => ({ likedPosts: [] }),
      LikePost: () => answer.promise,
    });
    renderApp(<Feed />, { api, user: users.alice });
    await waitFor(() => expect(api.calls.some((c) => c.operation === 'LikedPosts')).toBe(true));
    const like = () => within(slide('post-1')).getByTestId('like-button');
    expect(like().getAttribute('aria-pressed')).toBe('false');
    expect(within(slide('post-1')).getByTestId('like-count').textContent).toBe('1');

    fireEvent.click(like());
    // Before the server answers: already liked, count + 1.
    await waitFor(() => expect(like().getAttribute('aria-pressed')).toBe('true'));
    expect(within(slide('post-1')).getByTestId('like-count').textContent).toBe('2');
    expect(api.calls.find((c) => c.operation === 'LikePost')?.variables).toEqual({ postId: 'post-1' });

    await act(async () => answer.reject(new ApiError('Post not found', 'NotFound')));
    await waitFor(() => expect(like().getAttribute('aria-pressed')).toBe('false'));
    expect(within(slide('post-1')).getByTestId('like-count').textContent).toBe('1');
    expect(screen.getByTestId('toast').textContent).toContain('That no longer exists');
  });

  it('keeps the server counts once the like succeeds', async () => {
    const api = fakeApi({
      Feed: () => feedPage(1, 2, null),
      LikedPosts: () => ({ likedPosts: [] }),
      LikePost: ({ postId }) => ({ likePost: { postId, likeCount: 7, commentCount: 0, liked: true } }),
    });
    renderApp(<Feed />, { api, user: users.alice });
    await waitFor(() => expect(api.calls.some((c) => c.operation === 'LikedPosts')).toBe(true));
    fireEvent.click(within(slide('post-1')).getByTestId('like-button'));
    await waitFor(() => expect(within(slide('post-1')).getByTestId('like-count').textContent).toBe('7'));
    expect(within(slide('post-1')).getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
  });

  it('asks anonymous people to sign in instead of liking', async () => {
    const api = fakeApi({ Feed: () => feedPage(1, 2, null) });
    renderApp(<Feed />, { api });
    await waitFor(() => expect(slides().length).toBeGreaterThan(0));
    fireEvent.click(within(slide('post-1')).getByTestId('like-button'));
    const dialog = await screen.findByRole('dialog', { name: 'Sign in to like posts' });
    expect(within(dialog).getByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(api.calls.some((c) => c.operation === 'LikePost' || c.operation === 'LikedPosts')).toBe(false);
  });

  it('shows like counts arriving live for the visible post', async () => {
    const api = fakeApi({ Feed: () => feedPage(1, 2, null) });
    renderApp(<Feed />, { api });
    await waitFor(() => expect(api.subscriptions('OnPostCounts')).toEqual([{ postId: 'post-1' }]));
    act(() => api.emit('OnPostCounts', { onPostCounts: { postId: 'post-1', likeCount: 42, commentCount: 3 } }));
    await waitFor(() => expect(within(slide('post-1')).getByTestId('like-count').textContent).toBe('42'));
    expect(within(slide('post-1')).getByRole('button', { name: 'Comments (3 comments)' })).toBeTruthy();
  });

  it('explains a failed load in words and offers a retry', async () => {
    const api = fakeApi({
      Feed: () => {
        throw new ApiError('fetch failed', 'NetworkError');
      },
    });
    renderApp(<Feed />, { api });
    expect((await screen.findByRole('alert')).textContent).toContain("Can't reach the server");
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('reports a post once, and explains a repeat in words', async () => {
    const api = fakeApi({
      Feed: () => feedPage(1, 2, null),
      LikedPosts: () => ({ likedPosts: [] }),
      ReportPost: ({ input }) =>
        input.postId === 'post-1'
          ? { reportPost: { postId: 'post-1', reason: input.reason, createdAt: '2026-11-22T10:00:00.000Z' } }
          : (() => {
              throw new ApiError('you already reported this post', 'Conflict');
            })(),
    });
    renderApp(<Feed />, { api, user: users.alice });
    await waitFor(() => expect(slides().length).toBeGreaterThan(0));
    const reportButton = () => within(slide('post-1')).getByRole('button', { name: 'Report this post' });

    fireEvent.click(reportButton());
    const dialog = await screen.findByRole('dialog', { name: 'Report this post' });
    const confirm = within(dialog).getByRole('button', { name: 'Report' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true); // a reason is required
    fireEvent.change(within(dialog).getByLabelText('What is wrong with it?'), { target: { value: ' spam link ' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByTestId('toast').textContent).toContain('Thanks. A moderator will look at it.');
    expect(api.calls.filter((c) => c.operation === 'ReportPost').map((c) => c.variables)).toEqual([{ input: { postId: 'post-1', reason: 'spam link' } }]);

    // the second time: no dialog, no request, just the explanation
    fireEvent.click(reportButton());
    await waitFor(() =>
      expect(screen.getAllByTestId('toast').map((t) => t.textContent)).toContainEqual(expect.stringContaining('You have already reported this post.')),
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls.filter((c) => c.operation === 'ReportPost')).toHaveLength(1);
  });

  it('explains the server’s Conflict for a post reported earlier (another session) in words', async () => {
    const api = fakeApi({
      Feed: () => feedPage(1, 2, null),
      LikedPosts: () => ({ likedPosts: [] }),
      ReportPost: () => {
        throw new ApiError('you already reported this post', 'Conflict');
      },
    });
    renderApp(<Feed />, { api, user: users.alice });
    await waitFor(() => expect(slides().length).toBeGreaterThan(0));
    fireEvent.click(within(slide('post-1')).getByRole('button', { name: 'Report this post' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report this post' });
    fireEvent.change(within(dialog).getByLabelText('What is wrong with it?'), { target: { value: 'spam' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Report' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('You have already reported this post. A moderator will look at it.');
  });

  it('names every action, the like button with its state and count', async () => {
    const api = fakeApi({ Feed: () => feedPage(1, 3, null), LikedPosts: () => ({ likedPosts: ['post-1'] }) });
    renderApp(<Feed />, { api, user: users.admin });
    await waitFor(() => expect(within(slide('post-1')).getByTestId('like-button').getAttribute('aria-pressed')).toBe('true'));
    const actions = within(slide('post-1'))
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label'));
    expect(actions).toEqual(['Like (1 like)', 'Comments (0 comments)', 'Report this post', 'Moderate this post']);
    expect(screen.getByRole('main', { name: 'Feed' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Previous post' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Next post' }).hasAttribute('disabled')).toBe(false);
  });
});
