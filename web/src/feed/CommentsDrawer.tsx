// Comments of one post in a bottom drawer: pages on demand (oldest first, as a conversation reads), a
// form to add one (signed in). A new comment shows at once (optimistic); a refusal takes it out again,
// puts the text back in the box and says why.
import { useState, type FormEvent } from 'react';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { commentsInfiniteQueryKey, useAddCommentMutation, useCommentsInfiniteQuery } from '../api/generated/hooks';
import type { CommentFieldsFragment as Comment, CommentsQuery } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { useRequireSignIn } from '../auth/SignInPrompt';
import { LIMITS } from '../../../resolvers/lib/limits';
import { Dialog } from '../ui/Dialog';
import { findPost, patchPost } from './cache';

/** The server's limit, counted in characters (code points) as the server counts them, not UTF-16 units. */
export const COMMENT_MAX = LIMITS.comment;
const PAGE = LIMITS.pageDefault;
const PENDING_PREFIX = 'pending-';

type Pages = InfiniteData<CommentsQuery, string | null>;

export function CommentsDrawer({ postId, onClose }: { postId: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { status, user } = useAuth();
  const requireSignIn = useRequireSignIn();
  const [text, setText] = useState('');
  const listKey = commentsInfiniteQueryKey({ postId, limit: PAGE });
  const comments = useCommentsInfiniteQuery({ postId, limit: PAGE });
  const edit = (f: (items: Comment[]) => Comment[]) =>
    qc.setQueryData<Pages>(listKey, (old) =>
      old && old.pages.length > 0
        ? { ...old, pages: old.pages.map((p, i) => (i === old.pages.length - 1 ? { comments: { ...p.comments, items: f(p.comments.items) } } : p)) }
        : old,
    );
  const add = useAddCommentMutation<{ tempId: string; text: string }>({
    onMutate: async ({ input }) => {
      await qc.cancelQueries({ queryKey: listKey });
      const tempId = `${PENDING_PREFIX}${Date.now()}`;
      const mine: Comment = { id: tempId, postId, authorId: user?.sub ?? '', authorHandle: user?.username ?? 'you', text: input.text, createdAt: new Date().toISOString() };
      edit((items) => [...items, mine]);
      setText('');
      return { tempId, text: input.text };
    },
    onError: (_err, _vars, ctx) => {
      if (!ctx) return;
      edit((items) => items.filter((c) => c.id !== ctx.tempId));
      setText((now) => now || ctx.text);
    },
    onSuccess: ({ addComment }, _vars, ctx) => {
      edit((items) => items.map((c) => (c.id === ctx.tempId ? addComment : c)));
      const count = findPost(qc, postId)?.commentCount ?? 0;
      patchPost(qc, postId, { commentCount: count + 1 });
    },
  });

  const length = Array.from(text.trim()).length;
  const tooLong = length > COMMENT_MAX;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!requireSignIn('comment')) return;
    if (length === 0 || tooLong) return;
    add.mutate({ input: { postId, text: text.trim() } });
  };
  const items = comments.data?.pages.flatMap((p) => p.comments.items) ?? [];

  return (
    <Dialog labelledBy="comments-title" onClose={onClose}>
      {/* the close button is the first control, so it takes the focus: Escape / Enter work at once */}
      <header className="row spread">
        <h2 id="comments-title">Comments</h2>
        <button type="button" className="icon" aria-label="Close comments" onClick={onClose}>
          ×
        </button>
      </header>
      {comments.isPending && <p>Loading comments…</p>}
      {comments.isError && <p role="alert">{humanMessage(comments.error)}</p>}
      {comments.isSuccess && items.length === 0 && <p>No comments yet. Be the first.</p>}
      <ul className="comments" aria-label="Comments">
        {items.map((c) => {
          const pending = c.id.startsWith(PENDING_PREFIX);
          return (
            <li key={c.id} data-testid="comment" aria-busy={pending || undefined} className={pending ? 'pending' : undefined}>
              <strong>@{c.authorHandle}</strong> {c.text}
              {pending && <small> · sending…</small>}
            </li>
          );
        })}
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
          rows={2}
          aria-describedby="comment-count"
          aria-invalid={tooLong || undefined}
          placeholder={status === 'signedIn' ? 'Add a comment…' : 'Sign in to comment'}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="primary" disabled={length === 0 || tooLong}>
          Send
        </button>
      </form>
      <p id="comment-count" className={tooLong ? 'error' : 'muted'} role={tooLong ? 'alert' : undefined}>
        {tooLong
          ? `Comments can be at most ${COMMENT_MAX} characters. This one has ${length}: please shorten it by ${length - COMMENT_MAX}.`
          : `${length}/${COMMENT_MAX}`}
      </p>
      {add.isError && <p role="alert">{humanMessage(add.error)}</p>}
    </Dialog>
  );
}
