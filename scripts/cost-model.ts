// The monthly AWS bill of the product for 1k, 10k and 100k monthly active users, from the requests per user
// action measured by `npm run bench` (test/bench/results.json: DynamoDB units per feed page / like / comment,
// notifications per like, image bytes per viewed post) and the usage assumptions below.
//   npx tsx scripts/cost-model.ts            → prints the table and writes docs/cost-model.md
// Prices: us-east-1, on-demand, list prices before free tiers (the always-free tiers are applied in a second
// total). Taken on 2026-11-22 from the AWS pricing pages (AppSync, DynamoDB, Lambda, CloudFront, Cognito,
// S3, WAF); re-check them before quoting a number.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PRICES_DATE = '2026-11-22';
export const PRICES = {
  appsyncPerMillionOps: 4.0, // query + mutation operations
  appsyncPerMillionRealtimeMessages: 2.0, // outbound messages and connection/subscribe operations
  appsyncPerMillionConnectionMinutes: 0.08,
  dynamodbPerMillionWru: 0.625, // on-demand, standard table class (since Nov 2024)
  dynamodbPerMillionRru: 0.125,
  dynamodbPerGbMonth: 0.25,
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  cloudfrontPerGbUs: [
    // United States/Mexico/Canada, per GB, by monthly tier
    { upToGb: 10_240, price: 0.085 },
    { upToGb: 51_200, price: 0.08 },
    { upToGb: 153_600, price: 0.06 },
    { upToGb: Infinity, price: 0.04 },
  ],
  cloudfrontPer10kHttps: 0.01, // US, HTTPS GET
  s3PerGbMonth: 0.023, // S3 Standard, first 50 TB
  s3PerThousandPuts: 0.005,
  cognitoEssentialsPerMauOver10k: 0.015, // Essentials tier; the first 10,000 MAU are free
  wafWebAclMonth: 5.0,
  wafRuleMonth: 1.0,
  wafPerMillionRequests: 0.6,
};

/** Always-free tiers (not the 12-month ones). */
export const FREE = {
  lambdaRequests: 1_000_000,
  lambdaGbSeconds: 400_000,
  cloudfrontGb: 1024,
  cloudfrontRequests: 10_000_000,
  dynamodbGb: 25,
  cognitoMau: 10_000,
} as const;

/** How an average monthly active user uses the app. Change these, not the code. */
export const ASSUMPTIONS = {
  sessionsPerMonth: 20, // DAU/MAU ≈ 0.33 with ~2 sessions a day on active days
  minutesPerSession: 8, // the WebSocket stays open while the app is open
  feedPagesPerSession: 5, // 100 posts seen (pages of 20)
  signedInShare: 0.7, // signed-in sessions also ask likedPosts per page and subscribe to notifications
  likesPerSession: 4,
  commentsPerSession: 0.3,
  postsPerMonth: 2,
  otherQueriesPerSession: 3, // me, wallet, notifications list
  watchersPerLikedPost: 1, // onPostCounts viewers of a post when it is liked
  imageBytesPerViewedPost: 120_000, // a 780 px WebP photo; the bench's gradients are smaller (floor: measured)
  appShellRequestsPerSession: 3, // index.html, config, one JS chunk revalidated; the rest cached
  appShellBytesPerSession: 60_000,
  storedImageBytesPerPost: 600_000, // 4 WebP widths + placeholder
  postItemBytes: 1_500,
  // Lambda durations (ms) at their memory in infra/api/functions.ts; measure on AWS and replace
  lambda: {
    uploadTicket: { memoryMb: 256, ms: 40 },
    image: { memoryMb: 1536, ms: 900 },
    moderation: { memoryMb: 512, ms: 150 },
    rewards: { memoryMb: 256, ms: 60 },
    notifier: { memoryMb: 256, ms: 50 },
  },
  // stream-side DynamoDB work per event (rewards: one TransactWriteItems of mark + counter + wallet + ledger +
  // notification, small items → 5 × 2 WRU, plus a wallet read; notifier: none)
  creditWru: 10,
  creditRru: 1,
  wafRules: 2,
};

/** The measured side, from test/bench/results.json (defaults: the figures of the last full run). */
export interface Measured {
  feedPageRru: number;
  likedPostsRru: number;
  likePostRru: number;
  likePostWru: number;
  addCommentRru: number;
  addCommentWru: number;
  notificationsPerLike: number;
  measuredImageBytes: number;
  source: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(here, '../test/bench/results.json');

export function measuredFromResults(file = RESULTS): Measured {
  const fallback: Measured = { feedPageRru: 3.5, likedPostsRru: 10, likePostRru: 1.5, likePostWru: 14, addCommentRru: 1, addCommentWru: 14, notificationsPerLike: 1, measuredImageBytes: 10_500, source: 'defaults (no results.json)' };
  if (!existsSync(file)) return fallback;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { date?: string; results?: Record<string, Record<string, unknown>> };
  const feed = doc.results?.feed?.perAction as Record<string, { readUnits: number; writeUnits: number }> | undefined;
  const coins = doc.results?.coins as { notificationsPerLike?: number } | undefined;
  // web.bench.ts (the web engineer's) reports image requests; bytes once it measures them
  const web = doc.results?.web as { imageBytesBeforeFirstSwipe?: number; imageRequestsBeforeFirstSwipe?: number } | undefined;
  return {
    feedPageRru: feed?.feedPage.readUnits ?? fallback.feedPageRru,
    // DynamoDB Local reports 0 for missing keys; AWS bills each key of a BatchGetItem at least 0.5 RRU
    likedPostsRru: Math.max(feed?.likedPostsForPage.readUnits ?? 0, 20 * 0.5),
    likePostRru: feed?.likePost.readUnits ?? fallback.likePostRru,
    likePostWru: feed?.likePost.writeUnits ?? fallback.likePostWru,
    addCommentRru: feed?.addComment.readUnits ?? fallback.addCommentRru,
    addCommentWru: feed?.addComment.writeUnits ?? fallback.addCommentWru,
    notificationsPerLike: coins?.notificationsPerLike ?? fallback.notificationsPerLike,
    measuredImageBytes: web?.imageBytesBeforeFirstSwipe && web.imageRequestsBeforeFirstSwipe ? web.imageBytesBeforeFirstSwipe / web.imageRequestsBeforeFirstSwipe : fallback.measuredImageBytes,
    source: `test/bench/results.json of ${doc.date ?? '?'}`,
  };
}

/** Tiered price of `gb` (tiers in ascending order). */
export function tiered(gb: number, tiers: ReadonlyArray<{ upToGb: number; price: number }>): number {
  let cost = 0;
  let from = 0;
  for (const t of tiers) {
    if (gb <= from) break;
    cost += (Math.min(gb, t.upToGb) - from) * t.price;
    from = t.upToGb;
  }
  return cost;
}

export interface Bill {
  mau: number;
  usage: Record<string, number>;
  cost: Record<string, number>;
  total: number;
  totalAfterFreeTiers: number;
}

/** One month for `mau` users. Pure: same inputs, same bill. */
export function monthlyBill(mau: number, m: Measured, a = ASSUMPTIONS, p = PRICES): Bill {
  const sessions = mau * a.sessionsPerMonth;
  const signedIn = sessions * a.signedInShare;
  const pages = sessions * a.feedPagesPerSession;
  const likes = signedIn * a.likesPerSession;
  const comments = signedIn * a.commentsPerSession;
  const posts = mau * a.postsPerMonth;
  const postsViewed = pages * 20;

  // AppSync operations: client queries/mutations + the notifier's IAM publish mutations
  const notifications = likes * m.notificationsPerLike + comments + posts; // like/comment received, moderation outcome
  const clientOps = pages + signedIn * a.feedPagesPerSession /* likedPosts */ + likes + comments + posts * 3 /* requestUpload, upload, createPost */ + sessions * a.otherQueriesPerSession;
  const appsyncOps = clientOps + notifications;
  // real-time: a connect + subscription starts per session (onNotification, onPostCounts of the visible post
  // as the user swipes), and every delivered message
  const realtimeMessages = sessions * 2 + signedIn + postsViewed + likes * a.watchersPerLikedPost + notifications;
  const connectionMinutes = sessions * a.minutesPerSession;

  const rru = pages * m.feedPageRru + signedIn * a.feedPagesPerSession * m.likedPostsRru + likes * m.likePostRru + comments * m.addCommentRru + (likes + comments + posts) * a.creditRru + posts * 4;
  const wru = likes * m.likePostWru + comments * m.addCommentWru + (likes + comments + posts) * a.creditWru + posts * 2 * 6 /* upload + post items with GSIs, moderation update */;
  const storageGb = (mau * a.postsPerMonth * 12 * (a.postItemBytes * 3)) / 1e9; // a year of posts, GSI copies included

  const L = a.lambda;
  const invocations = { uploadTicket: posts, image: posts, moderation: posts, rewards: likes + comments + posts, notifier: notifications };
  const lambdaRequests = Object.values(invocations).reduce((s, v) => s + v, 0);
  const gbSeconds = (Object.keys(invocations) as Array<keyof typeof invocations>).reduce((s, k) => s + invocations[k] * (L[k].memoryMb / 1024) * (L[k].ms / 1000), 0);

  const imageBytes = Math.max(a.imageBytesPerViewedPost, m.measuredImageBytes);
  const cdnRequests = postsViewed + sessions * a.appShellRequestsPerSession;
  const cdnGb = (postsViewed * imageBytes + sessions * a.appShellBytesPerSession) / 1e9;
  const s3Gb = (mau * a.postsPerMonth * 12 * a.storedImageBytesPerPost) / 1e9;
  const wafRequests = clientOps;

  const cost: Record<string, number> = {
    'AppSync operations': (appsyncOps / 1e6) * p.appsyncPerMillionOps,
    'AppSync real-time messages': (realtimeMessages / 1e6) * p.appsyncPerMillionRealtimeMessages,
    'AppSync connection minutes': (connectionMinutes / 1e6) * p.appsyncPerMillionConnectionMinutes,
    'DynamoDB reads': (rru / 1e6) * p.dynamodbPerMillionRru,
    'DynamoDB writes': (wru / 1e6) * p.dynamodbPerMillionWru,
    'DynamoDB storage': storageGb * p.dynamodbPerGbMonth,
    'Lambda requests': (lambdaRequests / 1e6) * p.lambdaPerMillionRequests,
    'Lambda compute': gbSeconds * p.lambdaArmPerGbSecond,
    'CloudFront transfer': tiered(cdnGb, p.cloudfrontPerGbUs),
    'CloudFront requests': (cdnRequests / 1e4) * p.cloudfrontPer10kHttps,
    'S3 storage + uploads': s3Gb * p.s3PerGbMonth + ((posts * 5) / 1000) * p.s3PerThousandPuts,
    'Cognito (Essentials)': Math.max(0, mau - FREE.cognitoMau) * p.cognitoEssentialsPerMauOver10k,
    'WAF': p.wafWebAclMonth + a.wafRules * p.wafRuleMonth + (wafRequests / 1e6) * p.wafPerMillionRequests,
  };
  const total = Object.values(cost).reduce((s, v) => s + v, 0);
  const free =
    Math.min(cost['Lambda requests'], (FREE.lambdaRequests / 1e6) * p.lambdaPerMillionRequests) +
    Math.min(cost['Lambda compute'], FREE.lambdaGbSeconds * p.lambdaArmPerGbSecond) +
    Math.min(cost['CloudFront transfer'], tiered(FREE.cloudfrontGb, p.cloudfrontPerGbUs)) +
    Math.min(cost['CloudFront requests'], (FREE.cloudfrontRequests / 1e4) * p.cloudfrontPer10kHttps) +
    Math.min(cost['DynamoDB storage'], FREE.dynamodbGb * p.dynamodbPerGbMonth);
  return {
    mau,
    usage: { sessions, feedPages: pages, likes, comments, posts, appsyncOps, realtimeMessages, connectionMinutes, rru, wru, lambdaRequests, gbSeconds, cdnRequests, cdnGb },
    cost,
    total,
    totalAfterFreeTiers: total - free,
  };
}

const usd = (v: number) => (v >= 100 ? `$${v.toFixed(0)}` : v >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(3)}`);
const num = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(1)} M` : v >= 1e3 ? `${(v / 1e3).toFixed(1)} k` : v.toFixed(1));

export function renderMarkdown(bills: Bill[], m: Measured): string {
  const head = `| | ${bills.map((b) => `${num(b.mau)} MAU`).join(' | ')} |\n| --- | ${bills.map(() => '---:').join(' | ')} |`;
  const rows = Object.keys(bills[0].cost).map((k) => `| ${k} | ${bills.map((b) => usd(b.cost[k])).join(' | ')} |`);
  const usage = Object.keys(bills[0].usage).map((k) => `| ${k} | ${bills.map((b) => num(b.usage[k])).join(' | ')} |`);
  const per = (b: Bill) => usd(b.totalAfterFreeTiers / b.mau);
  const largest = bills[bills.length - 1];
  const top = Object.entries(largest.cost)
    .sort((x, y) => y[1] - x[1])
    .slice(0, 3)
    .map(([k, v]) => `${k} ${usd(v)} (${Math.round((v / largest.total) * 100)} %)`);
  return [
    '# Cost model',
    '',
    'Generated by `npx tsx scripts/cost-model.ts` (also run by `npm run bench`) — do not edit by hand.',
    `Measured inputs from ${m.source}; prices us-east-1, on-demand, list prices taken ${PRICES_DATE} (see \`PRICES\` in scripts/cost-model.ts); usage assumptions in \`ASSUMPTIONS\`.`,
    '',
    '## Monthly bill',
    '',
    head,
    ...rows,
    `| **total (list)** | ${bills.map((b) => `**${usd(b.total)}**`).join(' | ')} |`,
    `| **total after always-free tiers** | ${bills.map((b) => `**${usd(b.totalAfterFreeTiers)}**`).join(' | ')} |`,
    `| per MAU | ${bills.map(per).join(' | ')} |`,
    '',
    '## Usage per month',
    '',
    head,
    ...usage,
    '',
    '## Measured per action (DynamoDB Local, ReturnConsumedCapacity)',
    '',
    '| action | read units | write units |',
    '| --- | ---: | ---: |',
    `| feed page of 20 | ${m.feedPageRru} | 0 |`,
    `| likedPosts for a page (BatchGetItem, AWS minimum 0.5/key) | ${m.likedPostsRru} | 0 |`,
    `| likePost | ${m.likePostRru} | ${m.likePostWru} |`,
    `| addComment | ${m.addCommentRru} | ${m.addCommentWru} |`,
    '',
    `Notifications per like: ${m.notificationsPerLike}. Image bytes per viewed post: measured ${Math.round(m.measuredImageBytes)} B (demo gradients), modelled ${ASSUMPTIONS.imageBytesPerViewedPost} B (photos).`,
    '',
    '## Reading it',
    '',
    `- The largest lines at ${num(largest.mau)} MAU: ${top.join(', ')}.`,
    '- Images dominate: CloudFront bytes scale with posts viewed × image size; the `srcset` widths and WebP quality are',
    '  the lever.',
    '- Real-time messages: the feed subscribes to onPostCounts for the post on screen, so every swipe is a subscription',
    '  start (AppSync bills it as a real-time update). One subscription per page (enhanced filter `postId in [...]`)',
    '  would cut that line by up to 20×.',
    '- Write units dominate DynamoDB: a like writes the LIKE item and `likeCount` on the post, and the post item is',
    `  copied into the \`feed\` and \`byAuthor\` GSIs (projection ALL), all inside a transaction (2×): ${m.likePostWru} WRU per like.`,
    '- The notifier\'s IAM publish mutation is billed as an AppSync operation, like any mutation.',
    '- Cognito Essentials is free to 10,000 MAU; past that the Lite tier ($0.0055/MAU) would do for this app (no',
    '  passwordless or access-token customisation needed).',
    '- Not included: CloudWatch Logs/X-Ray (AppSync field-level logging can exceed the API cost — log ERROR only in',
    '  prd), data transfer out of AppSync (EC2 rates), DynamoDB backups/PITR, alarms, Route 53, the dead-letter queues',
    '  (pennies), and the 12-month free tiers.',
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const m = measuredFromResults();
  const bills = [1_000, 10_000, 100_000].map((mau) => monthlyBill(mau, m));
  const md = renderMarkdown(bills, m);
  writeFileSync(path.join(here, '../docs/cost-model.md'), md);
  process.stdout.write(md);
}
