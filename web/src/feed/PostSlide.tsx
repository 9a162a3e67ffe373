// One full-screen post: image, author, caption, like (optimistic), comments, report; admins can remove it.
import type { PostFieldsFragment } from '../api/generated/graphql';
import { PostImage } from './PostImage';

export interface PostSlideProps {
  post: PostFieldsFragment;
  index: number;
  total: number;
  /** Request the image now (current and next slide only). */
  load: boolean;
  current: boolean;
  liked: boolean;
  isAdmin: boolean;
  onLike(): void;
  onComments(): void;
  onReport(): void;
  onModerate(): void;
}

/** Drawn, not an emoji: emoji fonts are missing on some devices. */
const CommentIcon = () => (
  <svg aria-hidden="true" width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
    <path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1.1-4.6A8 8 0 1 1 21 12z" />
  </svg>
);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function PostSlide({ post, index, total, load, current, liked, isAdmin, onLike, onComments, onReport, onModerate }: PostSlideProps) {
  const alt = post.caption ? `Photo by @${post.authorHandle}: ${post.caption}` : `Photo by @${post.authorHandle}`;
  return (
    <article
      className="post"
      aria-label={`Post ${index + 1} of ${total} by @${post.authorHandle}`}
      // off-screen neighbours (kept for smooth swiping) are out of the tab order and hidden from screen readers
      inert={!current}
      data-testid="post-slide"
      data-post-id={post.id}
    >
      <PostImage media={post.media} alt={alt} load={load} priority={current} fill />
      <div className="post-overlay">
        <div className="post-text">
          <p className="author">@{post.authorHandle}</p>
          {post.caption && <p className="caption">{post.caption}</p>}
        </div>
        <div className="post-actions">
          <button
            type="button"
            className={`action like${liked ? ' on' : ''}`}
            aria-pressed={liked}
            // a toggle keeps one name; aria-pressed says whether it is on ("Like, pressed")
            aria-label={`Like (${plural(post.likeCount, 'like', 'likes')})`}
            onClick={onLike}
            data-testid="like-button"
          >
            <span aria-hidden="true">{liked ? '♥' : '♡'}</span>
            <span className="count" data-testid="like-count">
              {post.likeCount}
            </span>
          </button>
          <button type="button" className="action" aria-label={`Comments (${plural(post.commentCount, 'comment', 'comments')})`} onClick={onComments}>
            <CommentIcon />
            <span className="count">{post.commentCount}</span>
          </button>
          <button type="button" className="action" aria-label="Report this post" onClick={onReport}>
            <span aria-hidden="true">⚑</span>
          </button>
          {isAdmin && (
            <button type="button" className="action" aria-label="Moderate this post" onClick={onModerate}>
              <span aria-hidden="true">✖</span>
            </button>
          )}
        </div>
      </div>
    </article>
  );
}
