// Keeping every cached copy of a post consistent: the feed pages, single posts, my posts and the
// moderation queue all hold PostFields; likes and live counts patch them in place.
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { PostFieldsFragment } from '../api/generated/graphql';
import { postQueryKey } from '../api/generated/hooks';

type PostPatch = Partial<Pick<PostFieldsFragment, 'likeCount' | 'commentCount' | 'status' | 'moderationNote'>>;
type Connection = { items: PostFieldsFragment[]; nextToken?: string | null };

const POST_LISTS = ['Feed', 'MyPosts', 'ModerationQueue'] as const;
const LIST_FIELD: Record<(typeof POST_LISTS)[number], string> = { Feed: 'feed', MyPosts: 'myPosts', ModerationQueue: 'moderationQueue' };

function patchConnection<C extends Connection>(conn: C, id: string, patch: PostPatch | null): C {
  if (!conn.items.some((p) => p.id === id)) return conn;
  const items = patch === null ? conn.items.filter((p) => p.id !== id) : conn.items.map((p) => (p.id === id ? { ...p, ...patch } : p));
  return { ...conn, items };
}

/** A list page or an infinite list of pages (`{ pages: [...] }`). */
function patchListData(data: unknown, field: string, id: string, patch: PostPatch | null): unknown {
  if (!data || typeof data !== 'object') return data;
  const d = data as Record<string, unknown>;
  if (Array.isArray(d.pages)) {
    return { ...d, pages: d.pages.map((page) => patchListData(page, field, id, patch)) };
  }
  const conn = d[field] as Connection | undefined;
  return conn ? { ...d, [field]: patchConnection(conn, id, patch) } : data;
}

/** Apply a patch to a post wherever it is cached; `null` removes it from the lists (it left the feed). */
export function patchPost(qc: QueryClient, id: string, patch: PostPatch | null): void {
  for (const list of POST_LISTS) {
    qc.setQueriesData({ queryKey: [list] }, (data: unknown) => patchListData(data, LIST_FIELD[list], id, patch));
  }
  qc.setQueriesData({ queryKey: postQueryKey({ id }) }, (data: unknown) => {
    const post = (data as { post?: PostFieldsFragment | null } | undefined)?.post;
    return post && patch ? { post: { ...post, ...patch } } : data;
  });
}

/** Mark a post liked or not in every LikedPosts answer. */
export function setLiked(qc: QueryClient, id: string, liked: boolean): void {
  qc.setQueriesData({ queryKey: ['LikedPosts'] }, (data: unknown) => {
    const list = (data as { likedPosts?: string[] } | undefined)?.likedPosts;
    if (!list) return data;
    const without = list.filter((x) => x !== id);
    return { likedPosts: liked ? [...without, id] : without };
  });
}

export type CacheSnapshot = Array<[QueryKey, unknown]>;

/** Everything patchPost/setLiked may touch, to roll back a failed optimistic update. */
export function snapshotPosts(qc: QueryClient): CacheSnapshot {
  return [...POST_LISTS, 'Post', 'LikedPosts'].flatMap((key) => qc.getQueriesData({ queryKey: [key] }));
}

export function restore(qc: QueryClient, snapshot: CacheSnapshot): void {
  for (const [key, data] of snapshot) qc.setQueryData(key, data);
}

/** The post as currently cached in any list or single-post query, for reading its counts. */
export function findPost(qc: QueryClient, id: string): PostFieldsFragment | undefined {
  const pick = (conn: Connection | undefined) => conn?.items.find((p) => p.id === id);
  for (const list of POST_LISTS) {
    for (const [, data] of qc.getQueriesData({ queryKey: [list] })) {
      const d = data as Record<string, unknown> | undefined;
      const pages = (Array.isArray(d?.pages) ? d.pages : [d]) as Array<Record<string, Connection> | undefined>;
      for (const page of pages) {
        const hit = pick(page?.[LIST_FIELD[list]]);
        if (hit) return hit;
      }
    }
  }
  const single = qc.getQueryData<{ post?: PostFieldsFragment | null }>(postQueryKey({ id }));
  return single?.post ?? undefined;
}
