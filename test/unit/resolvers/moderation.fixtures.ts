// A flagged post item as stored (docs/data-model.md), shared by the moderation resolver tests.
export const flaggedPost = {
  PK: 'POST#p1', SK: 'POST', type: 'POST', id: 'p1', authorId: 'u1', authorHandle: 'ann', caption: 'hello',
  media: { width: 1080, height: 720, placeholder: 'data:image/webp;base64,AA', variants: [{ width: 320, height: 213, key: 'media/p1/320.webp' }] },
  status: 'FLAGGED', likeCount: 0, commentCount: 0, reportCount: 0, moderationNote: 'link spam',
  createdAt: '2026-11-22T10:00:00.000Z', authorPK: 'USER#u1', authorSK: 'FLAGGED#p1', queuePK: 'QUEUE', queueSK: '2026-11-22T10:00:01.000Z#p1',
};
