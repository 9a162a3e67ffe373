// Optimistic like/unlike: the heart and the count change at once; a failure puts both back and says why.
import { useQueryClient } from '@tanstack/react-query';
import { useLikePostMutation, useUnlikePostMutation } from '../api/generated/hooks';
import type { ApiError } from '../api/errors';
import type { LikePostMutation } from '../api/generated/graphql';
import { findPost, patchPost, restore, setLiked, snapshotPosts, type CacheSnapshot } from './cache';

export function useToggleLike(onError: (err: ApiError) => void) {
  const qc = useQueryClient();

  const optimistic = (liked: boolean) => async ({ postId }: { postId: string }): Promise<CacheSnapshot> => {
    await qc.cancelQueries({ queryKey: ['LikedPosts'] });
    const snapshot = snapshotPosts(qc);
    const count = findPost(qc, postId)?.likeCount ?? 0;
    setLiked(qc, postId, liked);
    patchPost(qc, postId, { likeCount: Math.max(0, count + (liked ? 1 : -1)) });
    return snapshot;
  };
  const rollback = (err: ApiError, _vars: unknown, snapshot: CacheSnapshot | undefined) => {
    if (snapshot) restore(qc, snapshot);
    onError(err);
  };
  // The server's counts win once it answers (other people may have liked meanwhile).
  const confirm = (c: LikePostMutation['likePost']) => {
    setLiked(qc, c.postId, c.liked);
    patchPost(qc, c.postId, { likeCount: c.likeCount, commentCount: c.commentCount });
  };

  const like = useLikePostMutation<CacheSnapshot>({ onMutate: optimistic(true), onError: rollback, onSuccess: (d) => confirm(d.likePost) });
  const unlike = useUnlikePostMutation<CacheSnapshot>({ onMutate: optimistic(false), onError: rollback, onSuccess: (d) => confirm(d.unlikePost) });

  return {
    pending: like.isPending || unlike.isPending,
    toggle(postId: string, liked: boolean) {
      (liked ? unlike : like).mutate({ postId });
    },
  };
}
