// Typed sample data shaped exactly like the operations' results.
import type { FeedQuery, PostFieldsFragment } from '../api/generated/graphql';

export function post(n: number, overrides: Partial<PostFieldsFragment> = {}): PostFieldsFragment {
  return {
    id: `post-${n}`,
    authorId: `sub-${n % 3}`,
    authorHandle: `author${n % 3}`,
    caption: `Caption ${n}`,
    status: 'APPROVED',
    likeCount: n,
    commentCount: 0,
    createdAt: `2026-11-22T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    moderationNote: null,
    media: {
      width: 1200,
      height: 1600,
      placeholder: `data:image/webp;base64,PLACEHOLDER${n}`,
      variants: [
        { width: 320, height: 427, url: `http://media.test/p${n}/320.webp` },
        { width: 640, height: 853, url: `http://media.test/p${n}/640.webp` },
        { width: 1080, height: 1440, url: `http://media.test/p${n}/1080.webp` },
      ],
    },
    ...overrides,
  };
}

export function feedPage(from: number, count: number, nextToken: string | null): FeedQuery {
  return {
    feed: {
      items: Array.from({ length: count }, (_, i) => post(from + i)),
      nextToken,
    },
  };
}
