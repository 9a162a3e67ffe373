// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { COMMENT_MAX, CommentsDrawer } from './CommentsDrawer';
import { ApiError } from '../api/errors';
import { deferred, fakeApi, renderApp, users } from '../test/harness';
import type { AddCommentMutation, CommentsQuery } from '../api/generated/graphql';

afterEach(cleanup);

const comment = (n: number, text = `Comment ${n}`) => ({
  id: `c${n}`,
  postId: 'post-1',
  authorId: `sub-${n}`,
  authorHandle: `person${n}`,
  text,
  createdAt: `2026-11-22T10:00:0${n}.000Z`,
});
const page = (items: ReturnType<typeof comment>[], nextToken: string | null = null): CommentsQuery => ({ comments: { items, nextToken } });
const texts = () => screen.queryAllByTestId('comment').map((li) => li.textContent);
const box = () => screen.getByLabelText('Add a comment') as HTMLTextAreaElement;
const send = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;

describe('CommentsDrawer', () => {
  it('lists the comments, oldest first, and loads older pages on demand', async () => {
    const api = fakeApi({
      Comments: (v) => (v.nextToken ? page([comment(3)]) : page([comment(1), comment(2)], 'next-1')),
    });
    renderApp(<CommentsDrawer postId="post-1" onClose={() => undefined} />, { api });
    const dialog = await screen.findByRole('dialog', { name: 'Comments' });
    await waitFor(() => expect(texts()).toEqual(['@person1 Comment 1', '@person2 Comment 2']));
    // the close button takes the focus so Escape / Enter work at once
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close comments' }));

    fireEvent.click(screen.getByRole('button', { name: 'More comments' }));
    await waitFor(() => expect(texts()).toHaveLength(3));
    expect(api.calls.map((c) => c.variables)).toEqual([
      { postId: 'post-1', limit: 20, nextToken: null },
      { postId: 'post-1', limit: 20, nextToken: 'next-1' },
    ]);
    expect(screen.queryByRole('button', { name: 'More comments' })).toBeNull();
  });

  it('closes on Escape', async () => {
    const onClose = vi.fn();
    renderApp(<CommentsDrawer postId="post-1" onClose={onClose} />, { api: fakeApi({ Comments: () => page([]) }) });
    await screen.findByText('No comments yet. Be the first.');
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('shows a new comment at once, then keeps the server’s copy', async () => {
    const answer = deferred<AddCommentMutation>();
    const api = fakeApi({ Comments: () => page([comment(1)]), AddComment: () => answer.promise });
    renderApp(<CommentsDrawer postId="post-1" onClose={() => undefined} />, { api, user: users.alice });
    await waitFor(() => expect(texts()).toHaveLength(1));

    fireEvent.change(box(), { target: { value: '  Lovely light!  ' } });
    fireEvent.click(send());
    // before the server answers: in the list (marked as sending), and the box is empty for the next one
    await waitFor(() => expect(texts()).toEqual(['@person1 Comment 1', '@alice Lovely light! · sending…']));
    expect(screen.getAllByTestId('comment')[1].getAttribute('aria-busy')).toBe('true');
    expect(box().value).toBe('');
    expect(api.calls.find((c) => c.operation === 'AddComment')?.variables).toEqual({ input: { postId: 'post-1', text: 'Lovely light!' } });

    await act(async () => answer.resolve({ addComment: { ...comment(9, 'Lovely light!'), authorHandle: 'alice_h' } }));
    await waitFor(() => expect(texts()).toEqual(['@person1 Comment 1', '@alice_h Lovely light!']));
    expect(screen.getAllByTestId('comment')[1].hasAttribute('aria-busy')).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('takes a refused comment out again, gives the text back and says why', async () => {
    const answer = deferred<AddCommentMutation>();
    const api = fakeApi({ Comments: () => page([comment(1)]), AddComment: () => answer.promise });
    renderApp(<CommentsDrawer postId="post-1" onClose={() => undefined} />, { api, user: users.alice });
    await waitFor(() => expect(texts()).toHaveLength(1));
    fireEvent.change(box(), { target: { value: 'Nice one' } });
    fireEvent.click(send());
    await waitFor(() => expect(texts()).toHaveLength(2));

    await act(async () => answer.reject(new ApiError('post post-1 not found', 'NotFound')));
    expect((await screen.findByRole('alert')).textContent).toBe('That no longer exists. It may have been removed.');
    expect(texts()).toEqual(['@person1 Comment 1']);
    expect(box().value).toBe('Nice one');
  });

  it('says how much too long a comment is, and does not send it', async () => {
    const api = fakeApi({ Comments: () => page([]) });
    renderApp(<CommentsDrawer postId="post-1" onClose={() => undefined} />, { api, user: users.alice });
    await screen.findByText('No comments yet. Be the first.');
    fireEvent.change(box(), { target: { value: 'a'.repeat(COMMENT_MAX) } });
    expect(screen.getByText(`${COMMENT_MAX}/${COMMENT_MAX}`)).toBeTruthy();
    expect(send().disabled).toBe(false);

    // characters, not UTF-16 units: 499 letters and 3 emoji are 502 characters
    fireEvent.change(box(), { target: { value: `${'a'.repeat(COMMENT_MAX - 1)}🌅🌅🌅` } });
    expect(screen.getByRole('alert').textContent).toBe('Comments can be at most 500 characters. This one has 502: please shorten it by 2.');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    expect(send().disabled).toBe(true);
    fireEvent.submit(box().form!);
    expect(api.calls.some((c) => c.operation === 'AddComment')).toBe(false);
  });

  it('asks anonymous people to sign in instead of sending', async () => {
    const api = fakeApi({ Comments: () => page([]) });
    renderApp(<CommentsDrawer postId="post-1" onClose={() => undefined} />, { api });
    await screen.findByText('No comments yet. Be the first.');
    expect(box().placeholder).toBe('Sign in to comment');
    fireEvent.change(box(), { target: { value: 'hello' } });
    fireEvent.click(send());
    expect(await screen.findByRole('dialog', { name: 'Sign in to comment' })).toBeTruthy();
    expect(api.calls.some((c) => c.operation === 'AddComment')).toBe(false);
  });
});
