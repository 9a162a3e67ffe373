// Stored items for the content resolvers' tests (layouts: docs/data-model.md).
import { contentResolvers } from '../../../infra/api/resolvers/content.js';
import type { ResolverDef } from '../../../infra/api/types.js';

export const POST_ID = '01HZY3M8Q4T5V6W7X8Y9Z0ABCD';
export const AUTHOR = 'author-1';

export function postItem(over: Record<string, unknown> = {}) {
  return {
    PK: `POST#${POST_ID}`,
    SK: 'POST',
    type: 'POST',
    id: POST_ID,
    authorId: AUTHOR,
    authorHandle: 'ada',
    caption: 'sunset',
    media: {
      width: 1600,
      height: 1200,
      placeholder: 'data:image/webp;base64,AAAA',
      variants: [
        { width: 320, height: 240, key: `media/${POST_ID}/320.webp` },
        { width: 1080, height: 810, key: `media/${POST_ID}/1080.webp` },
      ],
    },
    status: 'APPROVED',
    likeCount: 4,
    commentCount: 2,
    reportCount: 1,
    moderationNote: 'ok by rules',
    createdAt: '2026-11-22T10:00:00.000Z',
    feedPK: 'FEED',
    feedSK: `2026-11-22T10:00:00.000Z#${POST_ID}`,
    authorPK: `USER#${AUTHOR}`,
    authorSK: `APPROVED#${POST_ID}`,
    ...over,
  };
}

/** The Post the API returns for postItem() (moderation note shown). */
export function expectedPost(over: Record<string, unknown> = {}) {
  return {
    id: POST_ID,
    authorId: AUTHOR,
    authorHandle: 'ada',
    caption: 'sunset',
    media: {
      width: 1600,
      height: 1200,
      placeholder: 'data:image/webp;base64,AAAA',
      variants: [
        { width: 320, height: 240, url: `https://media.example.test/media/${POST_ID}/320.webp` },
        { width: 1080, height: 810, url: `https://media.example.test/media/${POST_ID}/1080.webp` },
      ],
    },
    status: 'APPROVED',
    likeCount: 4,
    commentCount: 2,
    reportCount: 1,
    moderationNote: 'ok by rules',
    createdAt: '2026-11-22T10:00:00.000Z',
    ...over,
  };
}

export function profileItem(sub: string, over: Record<string, unknown> = {}) {
  return {
    PK: `USER#${sub}`,
    SK: 'PROFILE',
    type: 'PROFILE',
    id: sub,
    handle: 'ada',
    bio: 'I take pictures',
    postCount: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

/** The binding of one content field, as infra/api declares it. */
export function binding(typeAndField: string): ResolverDef {
  const [typeName, fieldName] = typeAndField.split('.');
  const def = contentResolvers.find((r) => r.typeName === typeName && r.fieldName === fieldName);
  if (!def) throw new Error(`no content binding for ${typeAndField}`);
  return def;
}
