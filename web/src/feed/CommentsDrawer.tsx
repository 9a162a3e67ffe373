// Comments of one post in a bottom drawer: newest pages on demand, a form to add one (signed in).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { commentsQueryKey, useAddCommentMutation, useCommentsInfiniteQuery } from '../api/generated/hooks';
import { humanMessage } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { useRequireSignIn } from '../auth/SignInPrompt';
import { findPost, patchPost } from './cache';

const MAX = 500;

export function CommentsDrawer({ postId, onClose }: { postId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { status } = useAuth();
  const requireSignIn = useRequireSignIn();
  const [text, setText] = useState('');
  const closeButton = useRef<HTMLButtonElement>(null);
  const comments = useCommentsInfiniteQuery({ postId, limit: 20 });
  const add = useAddCommentMutation({
    onSuccess: () => {
      setText('');
      const count = findPost(qc, postId)?.commentCount ?? 0;
      patchPost(qc, postId, { commentCount: count + 1 });
      void qc.invalidateQueries({ queryKey: commentsQueryKey({ postId }) });
    },
  });
  useEffect(() => closeButton.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!requireSignIn('comment')) return;
    add.mutate({ input: { postId, text } });
  };
  const items = comments.data?.pages.flatMap((p) => p.comments.items) ?? [];

  return (
    <div className="backdrop" onClick={onClose}>
      <section
        className="sheet drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby="comments-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <header className="row spread">
          <h2 id="comments-title">Comments</h2>
          <button ref={closeButton} type="button" className="icon" aria-label="Close comments" onClick={onClose}>
            ×
          </button>
        </header>
        {comments.isPending && <p>Loading comments…</p>}
        {comments.isError && <p role="alert">{humanMessage(comments.error)}</p>}
        {comments.isSuccess && items.length === 0 && <p>No comments yet. Be the first.</p>}
        <ul className="comments">
          {items.map((c) => (
            <li key={c.id}>
              <strong>@{c.authorHandle}</strong> {c.text}
            </li>
          ))}
        </ul>
        {comments.hasNextPage && (
          <button type="button" onClick={() => void comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
            More comments
          </button>
        )}
        <form onSubmit={submit} className="comment-form">
          <label htmlFor="comment-text" className="visually-hidden">
            Add a comment
          </label>
          <textarea
            id="comment-text"
            value={text}
            maxLength={MAX}
            rows={2}
            placeholder={status === 'signedIn' ? 'Add a comment…' : 'Sign in to comment'}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="primary" disabled={add.isPending || text.trim().length === 0}>
            Send
          </button>
        </form>
        {add.isError && <p role="alert">{humanMessage(add.error)}</p>}
      </section>
    </div>
  );
}
