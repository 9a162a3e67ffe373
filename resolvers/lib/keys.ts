// Key builders for the one table (layout: docs/data-model.md). Every resolver and function uses these,
// so a key is spelled in one place.
export const userPK = (sub: string) => `USER#${sub}`;
export const postPK = (postId: string) => `POST#${postId}`;

export const keys = {
  profile: (sub: string) => ({ PK: userPK(sub), SK: 'PROFILE' }),
  upload: (sub: string, uploadId: string) => ({ PK: userPK(sub), SK: `UPLOAD#${uploadId}` }),
  post: (postId: string) => ({ PK: postPK(postId), SK: 'POST' }),
  like: (postId: string, sub: string) => ({ PK: postPK(postId), SK: `LIKE#${sub}` }),
  comment: (postId: string, commentId: string) => ({ PK: postPK(postId), SK: `COMMENT#${commentId}` }),
  report: (postId: string, sub: string) => ({ PK: postPK(postId), SK: `REPORT#${sub}` }),
  wallet: (sub: string) => ({ PK: userPK(sub), SK: 'WALLET' }),
  ledger: (sub: string, id: string) => ({ PK: userPK(sub), SK: `TX#${id}` }),
  event: (sub: string, eventKey: string) => ({ PK: userPK(sub), SK: `EVENT#${eventKey}` }),
  earned: (sub: string, day: string) => ({ PK: userPK(sub), SK: `EARNED#${day}` }),
  reward: (rewardId: string) => ({ PK: 'REWARDS', SK: `REWARD#${rewardId}` }),
  redemption: (sub: string, requestId: string) => ({ PK: userPK(sub), SK: `REDEEM#${requestId}` }),
  notification: (sub: string, id: string) => ({ PK: userPK(sub), SK: `NOTIF#${id}` }),
  audit: (day: string, id: string) => ({ PK: `AUDIT#${day}`, SK: id }),
};

/** Sort-key prefixes for the lists that are one Query on the table. */
export const prefixes = {
  comment: 'COMMENT#',
  report: 'REPORT#',
  ledger: 'TX#',
  redemption: 'REDEEM#',
  notification: 'NOTIF#',
  reward: 'REWARD#',
} as const;

/** Index keys (sparse GSIs, docs/data-model.md). */
export const indexKeys = {
  feed: (createdAt: string, postId: string) => ({ feedPK: 'FEED', feedSK: `${createdAt}#${postId}` }),
  author: (sub: string, status: string, postId: string) => ({ authorPK: userPK(sub), authorSK: `${status}#${postId}` }),
  queue: (queuedAt: string, postId: string) => ({ queuePK: 'QUEUE', queueSK: `${queuedAt}#${postId}` }),
};

export const DAILY_CAP = 500;
export const COINS = { post: 10, likeReceived: 2, comment: 5 } as const;
export const REPORTS_TO_QUEUE = 3;
