// The feed: a full-screen vertical Swiper over approved posts, newest first. Virtual slides keep only the
// previous/current/next slide in the DOM (thousands of posts stay light); the next page is fetched a few
// slides before the end; images load for the current and the next slide only; the visible post's like
// and comment counts arrive live (onPostCounts).
import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Swiper, SwiperSlide } from 'swiper/react';
import { A11y, Keyboard, Mousewheel, Virtual } from 'swiper/modules';
import type { Swiper as SwiperInstance } from 'swiper';
import 'swiper/css';
import 'swiper/css/virtual';
import {
  feedQueryKey,
  useFeedInfiniteQuery,
  useLikedPostsQuery,
  useModeratePostMutation,
  useOnPostCountsSubscription,
  useReportPostMutation,
} from '../api/generated/hooks';
import { humanMessage } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { useRequireSignIn } from '../auth/SignInPrompt';
import { useToast } from '../ui/Toasts';
import { NoteDialog } from '../ui/NoteDialog';
import { patchPost } from './cache';
import { CommentsDrawer } from './CommentsDrawer';
import { PostSlide } from './PostSlide';
import { useToggleLike } from './useToggleLike';

/** Fetch the next page when this many slides (or fewer) are left. */
const PREFETCH_WHEN_LEFT = 3;

/** A person reports a post once (the server answers a repeat with Conflict). */
const REPORT_WORDS = { Conflict: 'You have already reported this post. A moderator will look at it.' };

type Dialog = { kind: 'comments' | 'report' | 'moderate'; postId: string } | null;

export function Feed({ pageSize = 10 }: { pageSize?: number }) {
  const qc = useQueryClient();
  const { status, user } = useAuth();
  const toast = useToast();
  const requireSignIn = useRequireSignIn();
  const [active, setActive] = useState(0);
  const [swiper, setSwiper] = useState<SwiperInstance | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [reported, setReported] = useState<ReadonlySet<string>>(new Set());

  const feed = useFeedInfiniteQuery({ limit: pageSize });
  const pages = feed.data?.pages;
  const posts = useMemo(() => pages?.flatMap((p) => p.feed.items) ?? [], [pages]);
  const current = posts[Math.min(active, Math.max(0, posts.length - 1))];

  // Which posts the signed-in person liked: one request per page of the feed (<= 50 ids, one BatchGetItem).
  const pageIds = useMemo(() => {
    const page = pages?.find((p) => p.feed.items.some((x) => x.id === current?.id));
    return page?.feed.items.map((p) => p.id) ?? [];
  }, [pages, current?.id]);
  const liked = useLikedPostsQuery({ postIds: pageIds }, { enabled: status === 'signedIn' && pageIds.length > 0, staleTime: 60_000 });
  const likedSet = useMemo(() => new Set(liked.data?.likedPosts ?? []), [liked.data]);

  useEffect(() => {
    if (posts.length - active <= PREFETCH_WHEN_LEFT && feed.hasNextPage && !feed.isFetchingNextPage) void feed.fetchNextPage();
  }, [active, posts.length, feed]);

  useOnPostCountsSubscription(
    { postId: current?.id ?? '' },
    {
      enabled: Boolean(current),
      onData: ({ onPostCounts: c }) => c && patchPost(qc, c.postId, { likeCount: c.likeCount, commentCount: c.commentCount }),
    },
  );

  const likes = useToggleLike((err) => toast(humanMessage(err), 'error'));
  const report = useReportPostMutation({
    onSuccess: ({ reportPost }) => {
      setReported((ids) => new Set(ids).add(reportPost.postId));
      setDialog(null);
      toast('Thanks. A moderator will look at it.', 'success');
    },
  });
  const moderate = useModeratePostMutation({
    onSuccess: ({ moderatePost: p }) => {
      setDialog(null);
      if (p.status !== 'APPROVED') patchPost(qc, p.id, null);
      toast(p.status === 'REJECTED' ? 'Post rejected: it left the feed.' : 'Post approved.', 'success');
    },
  });

  if (feed.isPending) return <p className="page center">Loading the feed…</p>;
  if (feed.isError)
    return (
      <div className="page center" role="alert">
        <p>{humanMessage(feed.error)}</p>
        <button type="button" onClick={() => void qc.resetQueries({ queryKey: feedQueryKey() })}>
          Try again
        </button>
      </div>
    );
  if (posts.length === 0) return <p className="page center">No posts yet. Be the first to share a photo.</p>;

  return (
    <main className="feed" aria-label="Feed">
      <h1 className="visually-hidden">Feed</h1>
      <Swiper
        className="feed-swiper"
        direction="vertical"
        modules={[Virtual, Keyboard, Mousewheel, A11y]}
        virtual={{ addSlidesBefore: 1, addSlidesAfter: 1 }}
        keyboard={{ enabled: true }}
        mousewheel={{ forceToAxis: true, thresholdDelta: 20 }}
        a11y={{ enabled: true, prevSlideMessage: 'Previous post', nextSlideMessage: 'Next post' }}
        onSwiper={setSwiper}
        onSlideChange={(s) => setActive(s.activeIndex)}
      >
        {posts.map((post, i) => (
          <SwiperSlide key={post.id} virtualIndex={i}>
            <PostSlide
              post={post}
              index={i}
              total={posts.length}
              current={i === active}
              load={i === active || i === active + 1}
              liked={likedSet.has(post.id)}
              isAdmin={Boolean(user?.isAdmin)}
              onLike={() => requireSignIn('like posts') && likes.toggle(post.id, likedSet.has(post.id))}
              onComments={() => setDialog({ kind: 'comments', postId: post.id })}
              onReport={() => {
                if (!requireSignIn('report posts')) return;
                if (reported.has(post.id)) toast(REPORT_WORDS.Conflict);
                else setDialog({ kind: 'report', postId: post.id });
              }}
              onModerate={() => setDialog({ kind: 'moderate', postId: post.id })}
            />
          </SwiperSlide>
        ))}
      </Swiper>
      <nav className="feed-nav" aria-label="Feed navigation">
        <button type="button" aria-label="Previous post" disabled={active === 0} onClick={() => swiper?.slidePrev()}>
          ↑
        </button>
        <button type="button" aria-label="Next post" disabled={active >= posts.length - 1} onClick={() => swiper?.slideNext()}>
          ↓
        </button>
      </nav>
      {feed.isFetchingNextPage && <p className="visually-hidden">Loading more posts…</p>}
      {dialog?.kind === 'comments' && <CommentsDrawer postId={dialog.postId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'report' && (
        <NoteDialog
          title="Report this post"
          label="What is wrong with it?"
          confirm="Report"
          required
          busy={report.isPending}
          error={report.isError ? humanMessage(report.error, REPORT_WORDS) : null}
          onSubmit={(reason) => report.mutate({ input: { postId: dialog.postId, reason } })}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'moderate' && (
        <NoteDialog
          title="Reject this post"
          label="Note for the author (optional)"
          confirm="Reject post"
          busy={moderate.isPending}
          error={moderate.isError ? humanMessage(moderate.error) : null}
          onSubmit={(note) => moderate.mutate({ input: { postId: dialog.postId, decision: 'REJECT', note: note || null } })}
          onClose={() => setDialog(null)}
        />
      )}
    </main>
  );
}
