// Post items → the schema's Post (strip keys and index keys, build media URLs), and who may see what.
import type { Media, Post, PostCounts, PostStatus } from '../../infra/generated/graphql';

export interface StoredVariant {
  width: number;
  height: number;
  key: string;
}

export interface StoredMedia {
  width: number;
  height: number;
  placeholder: string;
  variants: StoredVariant[];
}

/** A post item as stored (docs/data-model.md). */
export interface PostItem {
  id: string;
  authorId: string;
  authorHandle: string;
  caption: string;
  media: StoredMedia;
  status: PostStatus;
  likeCount: number;
  commentCount: number;
  reportCount?: number;
  moderationNote?: string | null;
  createdAt: string;
}

/** Who is looking: moderation notes are for the author and admins only. */
export interface Viewer {
  sub: string | null;
  admin: boolean;
}

/** Public URL of a stored media key: MEDIA_BASE_URL (the CDN) + '/' + key. */
export function mediaUrl(base: string, key: string): string {
  const b = base.length > 0 && base[base.length - 1] === '/' ? base.slice(0, -1) : base;
  const k = key.length > 0 && key[0] === '/' ? key.slice(1) : key;
  return `${b}/${k}`;
}

export function toMedia(media: StoredMedia, base: string): Media {
  // the image function stores the variants smallest first, as srcset lists them
  const variants = (media.variants || []).map((v) => ({ width: v.width, height: v.height, url: mediaUrl(base, v.key) }));
  return { width: media.width, height: media.height, placeholder: media.placeholder, variants };
}

/** Approved posts are public; the others only to their author and admins. */
export function canSee(item: PostItem, viewer: Viewer): boolean {
  return item.status === 'APPROVED' || viewer.admin || (viewer.sub !== null && item.authorId === viewer.sub);
}

export function toPost(item: PostItem, base: string, viewer: Viewer): Post {
  const mayReadNote = viewer.admin || (viewer.sub !== null && item.authorId === viewer.sub);
  return {
    id: item.id,
    authorId: item.authorId,
    authorHandle: item.authorHandle,
    caption: item.caption,
    media: toMedia(item.media, base),
    status: item.status,
    likeCount: item.likeCount || 0,
    commentCount: item.commentCount || 0,
    createdAt: item.createdAt,
    moderationNote: mayReadNote ? item.moderationNote || null : null,
    // the schema lets only admins select this field
    reportCount: item.reportCount || 0,
  };
}

export function toCounts(item: PostItem, liked: boolean): PostCounts {
  return { postId: item.id, likeCount: item.likeCount || 0, commentCount: item.commentCount || 0, liked };
}
