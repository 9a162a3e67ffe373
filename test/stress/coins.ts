// Coins under load and faults: many users post, like (and unlike and like again), comment and redeem at once
// through the real local server, while the rewards function fails on a share of its invocations, gets batches
// delivered twice and meets poisoned records, and (optionally) DynamoDB Local and the server restart mid-run.
// Afterwards the whole table is checked against docs/data-model.md "Coins": see `checkCoins`.
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { api as baseApi } from '../../infra/api/index.js';
import { localDynamoDBClient } from '../../infra/local/services/index.js';
import { demoImage, uploadImage } from '../../infra/local/seed.js';
import { DAILY_CAP, keys } from '../../resolvers/lib/keys.js';
import { createUsers, gql, must, prng, type StressStack, type TestUser } from '../support/stress.js';
import { configureRewardFaults, recordId, type RewardFaults } from './faults/rewards/handler.js';

export interface CoinScale {
  users: number;
  postsPerUser: number;
  /** likes each user gives (random approved posts, own included sometimes) */
  likesPerUser: number;
  /** comments by the one heavy commenter (past the 500/day cap at 5 each when > 100) */
  heavyComments: number;
  commentsPerUser: number;
  /** redemption attempts per user (some repeat their request id) */
  redeemsPerUser: number;
  rewards: number;
  stockPerReward: number;
  concurrency: number;
  /** share of rewards invocations that fail (before/after processing or partially) */
  faultRate: number;
  /** share of rewards invocations delivered twice at once */
  twiceRate: number;
  /** comments whose stream records always fail (must end up in the dead-letter store) */
  poisonComments: number;
  /** restart DynamoDB Local (on disk) and the server half-way through the load */
  restart: boolean;
  seed: number;
}

/** The short run inside `npm test`: in memory, no restart (a restart on disk costs ~40 s). */
export const SHORT_COINS: CoinScale = {
  users: 8,
  postsPerUser: 3,
  likesPerUser: 12,
  heavyComments: 105,
  commentsPerUser: 4,
  redeemsPerUser: 3,
  rewards: 3,
  stockPerReward: 4,
  concurrency: 12,
  faultRate: 0.3,
  twiceRate: 0.15,
  poisonComments: 1,
  restart: false,
  seed: Number(process.env.STRESS_SEED ?? 7),
};

/** The full run (`npm run test:stress`): thousands of operations, DynamoDB Local on disk, a restart mid-run. */
export const FULL_COINS: CoinScale = {
  users: 30,
  postsPerUser: 4,
  likesPerUser: 40,
  heavyComments: 120,
  commentsPerUser: 12,
  redeemsPerUser: 6,
  rewards: 4,
  stockPerReward: 8,
  concurrency: 24,
  faultRate: 0.3,
  twiceRate: 0.15,
  poisonComments: 3,
  restart: true,
  seed: Number(process.env.STRESS_SEED ?? 11),
};

export interface CoinReport {
  operations: number;
  acknowledged: number;
  unacknowledged: number;
  byOutcome: Record<string, number>;
  faults: RewardFaults['stats'] & { injected: number };
  deadLetters: number;
  deadLetterRecords: number;
  restarts: number;
  users: number;
  credits: number;
  coinsCredited: number;
  capReachedUsers: number;
  redemptions: number;
  violations: string[];
  reconcileMismatches: number;
  seconds: number;
  phases: Record<string, number>;
}

const CAPTIONS = ['Morning light', 'City walk', 'Blue hour', 'Green hills', 'At the market', 'Old bridge'];
const table = `${baseApi.name}-main`;

interface Acked {
  posts: Map<string, string>; // postId → author sub
  likes: Set<string>; // `${postId}|${liker}` acknowledged as liked at least once
  comments: Map<string, string>; // commentId → author sub
  redemptions: Map<string, { sub: string; rewardId: string }>; // requestId → who/what
}

type Op = { kind: string; run: () => Promise<{ ok: boolean; outcome: string }> };

/** Runs ops with a concurrency limit; `gate` (a restart) holds new ops back while it is pending. */
async function runOps(ops: Op[], concurrency: number, tally: Record<string, number>, hooks: { atIndex?: number; onIndex?: () => Promise<void> } = {}) {
  let next = 0;
  let gate: Promise<void> | undefined;
  let acked = 0;
  let failed = 0;
  const worker = async () => {
    for (;;) {
      if (gate) await gate;
      const i = next;
      next += 1;
      if (i >= ops.length) return;
      if (hooks.onIndex && i === hooks.atIndex) gate = hooks.onIndex().finally(() => (gate = undefined));
      const op = ops[i];
      let outcome: string;
      try {
        const r = await op.run();
        outcome = `${op.kind}:${r.outcome}`;
        if (r.ok) acked += 1;
      } catch (err) {
        // a network failure (the server was restarting): not acknowledged, so nothing is promised
        outcome = `${op.kind}:network(${(err as Error).message.slice(0, 40)})`;
        failed += 1;
      }
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { acked, failed };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const errorOf = (answer: { errors?: Array<{ errorType?: string | null }> }) => answer.errors?.[0]?.errorType ?? 'error';

export async function runCoinScenario(ss: StressStack, scale: CoinScale): Promise<CoinReport> {
  const began = Date.now();
  const random = prng(scale.seed);
  const url = () => ss.stack.graphqlUrl;
  const tally: Record<string, number> = {};
  const acked: Acked = { posts: new Map(), likes: new Set(), comments: new Map(), redemptions: new Map() };
  const ddb = () => DynamoDBDocumentClient.from(localDynamoDBClient(ss.stack.services.dynamodb.endpoint));

  // ---- setup: users, an admin, the catalogue, ready uploads ----
  const phases: Record<string, number> = {};
  let mark = Date.now();
  const phase = (name: string) => {
    phases[name] = Math.round((Date.now() - mark) / 100) / 10;
    mark = Date.now();
  };
  const [users, [admin]] = await Promise.all([createUsers(ss.stack, 'coin', scale.users), createUsers(ss.stack, 'coinadmin', 1, { admin: true })]);
  const rewards: Array<{ id: string; cost: number; stock: number }> = [];
  for (let i = 0; i < scale.rewards; i += 1) {
    const cost = 10 + 10 * (i % 3);
    const { putReward } = await must(url(), admin.auth, 'mutation R($i: PutRewardInput!) { putReward(input: $i) { id cost stock } }', {
      i: { name: `Sticker ${i}`, description: 'stress', cost, stock: scale.stockPerReward },
    });
    rewards.push(putReward);
  }
  // one real upload through S3 → image function; its processed item is the template of the others
  const firstUpload = await uploadImage(ss.stack, users[0].idToken, await demoImage(7));
  await ss.stack.settle(60_000);
  const db = ddb();
  const template = (await db.send(new GetCommand({ TableName: table, Key: keys.upload(users[0].sub, firstUpload) }))).Item;
  if (template?.status !== 'READY') throw new Error(`setup: the template upload is ${template?.status}, expected READY`);
  const uploads = new Map<string, string[]>();
  for (const u of users) {
    const ids: string[] = [];
    const n = u === users[0] ? scale.postsPerUser * 2 : scale.postsPerUser; // users[0] is the celebrity
    for (let i = 0; i < n; i += 1) {
      const id = `01STRESS${u.sub.slice(0, 8).toUpperCase()}${String(i).padStart(4, '0')}`.replace(/[^0-9A-Z]/g, 'X');
      await db.send(new PutCommand({ TableName: table, Item: { ...template, ...keys.upload(u.sub, id), id, postId: undefined } }));
      ids.push(id);
    }
    uploads.set(u.sub, ids);
  }
  db.destroy();
  phase('setup');

  // poison is by content (comment ids are made by the server): the records of comments saying [poison]
  const poisonMark = '[poison]';
  const faults = configureRewardFaults({
    rate: scale.faultRate,
    twiceRate: scale.twiceRate,
    poison: (r) => (r.dynamodb?.NewImage?.text?.S ?? '').includes(poisonMark),
    random: prng(scale.seed + 1),
  })!;

  // ---- phase A: every post at once ----
  const postOps: Op[] = [];
  for (const u of users) {
    for (const uploadId of uploads.get(u.sub)!) {
      postOps.push({
        kind: 'createPost',
        run: async () => {
          const a = await gql(url(), u.auth, 'mutation C($i: CreatePostInput!) { createPost(input: $i) { id authorId } }', {
            i: { uploadId, caption: CAPTIONS[Math.floor(random() * CAPTIONS.length)] },
          });
          if (a.data?.createPost) acked.posts.set(a.data.createPost.id, u.sub);
          return { ok: !!a.data?.createPost, outcome: a.data?.createPost ? 'ok' : errorOf(a) };
        },
      });
    }
  }
  await runOps(shuffle(postOps, random), scale.concurrency, tally);
  await ss.stack.settle(120_000);
  phase('posts');

  const postIds = [...acked.posts.keys()];
  const celebrityPosts = postIds.filter((id) => acked.posts.get(id) === users[0].sub);

  // ---- phase B: likes, unlike/like-again, comments, redemptions, all mixed ----
  const like = (u: TestUser, postId: string, field: 'likePost' | 'unlikePost'): Op => ({
    kind: field,
    run: async () => {
      const a = await gql(url(), u.auth, `mutation L($p: ID!) { ${field}(postId: $p) { postId likeCount liked } }`, { p: postId });
      const r = a.data?.[field];
      if (r && field === 'likePost' && r.liked) acked.likes.add(`${postId}|${u.sub}`);
      return { ok: !!r, outcome: r ? 'ok' : errorOf(a) };
    },
  });
  const comment = (u: TestUser, postId: string, text: string): Op => ({
    kind: 'addComment',
    run: async () => {
      const a = await gql(url(), u.auth, 'mutation A($i: AddCommentInput!) { addComment(input: $i) { id authorId } }', { i: { postId, text } });
      const c = a.data?.addComment;
      if (c) acked.comments.set(c.id, u.sub);
      return { ok: !!c, outcome: c ? 'ok' : errorOf(a) };
    },
  });
  const redeem = (u: TestUser, rewardId: string, requestId: string): Op => ({
    kind: 'redeemReward',
    run: async () => {
      const a = await gql(url(), u.auth, 'mutation X($i: RedeemRewardInput!) { redeemReward(input: $i) { requestId rewardId cost balanceAfter } }', { i: { rewardId, requestId } });
      const r = a.data?.redeemReward;
      if (r) acked.redemptions.set(requestId, { sub: u.sub, rewardId: r.rewardId });
      return { ok: !!r, outcome: r ? 'ok' : errorOf(a) };
    },
  });

  const sequences: Op[][] = []; // ops that must run in order (like → unlike → like again)
  const mixed: Op[] = [];
  for (const [n, u] of users.entries()) {
    for (const p of celebrityPosts) if (u !== users[0]) mixed.push(like(u, p, 'likePost'));
    for (let i = 0; i < scale.likesPerUser; i += 1) mixed.push(like(u, postIds[Math.floor(random() * postIds.length)], 'likePost'));
    const p = postIds[Math.floor(random() * postIds.length)];
    sequences.push([like(u, p, 'likePost'), like(u, p, 'unlikePost'), like(u, p, 'likePost')]);
    const comments = n === 1 ? scale.heavyComments : scale.commentsPerUser;
    for (let i = 0; i < comments; i += 1) mixed.push(comment(u, postIds[Math.floor(random() * postIds.length)], `nice one ${i}`));
    for (let i = 0; i < scale.redeemsPerUser; i += 1) {
      const reward = rewards[Math.floor(random() * rewards.length)];
      const requestId = `req-${u.name}-${i}`;
      mixed.push(redeem(u, reward.id, requestId));
      if (i % 3 === 0) mixed.push(redeem(u, reward.id, requestId)); // a client retry: same request id
    }
  }
  for (let i = 0; i < scale.poisonComments; i += 1) mixed.push(comment(users[2 % users.length], postIds[i % postIds.length], `${poisonMark} ${i}`));
  // sequences run as single ops so their steps stay in order
  for (const seq of sequences) {
    mixed.push({
      kind: 'likeAgain',
      run: async () => {
        let outcome = 'ok';
        for (const step of seq) {
          const r = await step.run();
          if (!r.ok) outcome = r.outcome;
        }
        return { ok: outcome === 'ok', outcome };
      },
    });
  }
  shuffle(mixed, random);

  let restarts = 0;
  const { acked: ackedB, failed } = await runOps(mixed, scale.concurrency, tally, {
    atIndex: scale.restart ? Math.floor(mixed.length / 2) : undefined,
    onIndex: async () => {
      await ss.restart();
      restarts += 1;
      // the faults stay armed across the restart (the new poller imports the same wrapper)
    },
  });
  void ackedB;
  phase('mixed load');

  // ---- drain: the stream catches up; then redrive the dead letters as an operator would ----
  await ss.stack.settle(180_000);
  configureRewardFaults(undefined);
  const letters = ss.stack.deadLetters.read().filter((l) => l.function === 'rewards');
  let deadLetterRecords = 0;
  for (const letter of letters) {
    const payload = letter.payload as { Records: DynamoDBRecord[] };
    deadLetterRecords += payload.Records.length;
    await ss.stack.invoke('rewards', payload);
  }
  await ss.stack.settle(120_000);
  phase('drain + redrive');

  const violations = await checkCoins(ss, { users, rewards, acked, poisonMark, letters: letters.map((l) => l.payload as { Records: DynamoDBRecord[] }) });
  const reconcile = (await ss.stack.invoke('reconcile', {})) as { mismatches: unknown[] };
  const report = await summarize(ss, users);
  phase('check');
  const operations = postOps.length + mixed.length + sequences.length * 2;
  return {
    operations,
    acknowledged: Object.entries(tally).filter(([k]) => k.endsWith(':ok')).reduce((s, [, v]) => s + v, 0),
    unacknowledged: failed,
    byOutcome: tally,
    faults: { ...faults.stats, injected: faults.stats.before + faults.stats.after + faults.stats.partial + faults.stats.twice + faults.stats.poisoned },
    deadLetters: letters.length,
    deadLetterRecords,
    restarts,
    users: users.length,
    ...report,
    redemptions: acked.redemptions.size,
    violations,
    reconcileMismatches: reconcile.mismatches.length,
    seconds: Math.round((Date.now() - began) / 100) / 10,
    phases,
  };
}

type Item = Record<string, any>;

async function scanAll(ss: StressStack): Promise<Item[]> {
  const db = DynamoDBDocumentClient.from(localDynamoDBClient(ss.stack.services.dynamodb.endpoint));
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return items;
}

async function summarize(ss: StressStack, users: TestUser[]) {
  const items = await scanAll(ss);
  const marks = items.filter((i) => String(i.SK).startsWith('EVENT#'));
  const earned = items.filter((i) => String(i.SK).startsWith('EARNED#'));
  return {
    credits: marks.filter((m) => m.amount > 0).length,
    coinsCredited: marks.reduce((s, m) => s + Number(m.amount), 0),
    capReachedUsers: new Set(earned.filter((e) => e.earned === DAILY_CAP).map((e) => e.PK)).size,
    usersChecked: users.length,
  };
}

/** Every coin rule and invariant over the whole table; returns one line per violation (empty = none). */
export async function checkCoins(
  ss: StressStack,
  ctx: { users: TestUser[]; rewards: Array<{ id: string; cost: number; stock: number }>; acked: Acked; poisonMark: string; letters: Array<{ Records: DynamoDBRecord[] }> },
): Promise<string[]> {
  const v: string[] = [];
  const items = await scanAll(ss);
  const byPK = new Map<string, Item[]>();
  for (const i of items) byPK.set(i.PK, [...(byPK.get(i.PK) ?? []), i]);
  const get = (pk: string, sk: string) => byPK.get(pk)?.find((i) => i.SK === sk);
  const posts = new Map(items.filter((i) => i.SK === 'POST').map((p) => [p.id as string, p]));
  const userSubs = new Set(ctx.users.map((u) => u.sub));
  const mark = (sub: string, key: string) => get(`USER#${sub}`, `EVENT#${key}`);

  // 1. everything acknowledged exists and was credited exactly once (a mark), dead letters redriven
  for (const [postId, author] of ctx.acked.posts) {
    if (!posts.has(postId)) v.push(`acknowledged post ${postId} is missing`);
    if (!mark(author, `post:${postId}`)) v.push(`post ${postId}: author ${author} never credited`);
  }
  for (const key of ctx.acked.likes) {
    const [postId, liker] = key.split('|');
    const author = posts.get(postId)?.authorId;
    if (author && author !== liker && !mark(author, `like:${postId}:${liker}`)) v.push(`like ${key}: author ${author} never credited`);
    if (author === liker && mark(author, `like:${postId}:${liker}`)) v.push(`self-like ${key} credited`);
  }
  for (const [commentId, author] of ctx.acked.comments) {
    const c = items.find((i) => String(i.SK) === `COMMENT#${commentId}`);
    if (!c) v.push(`acknowledged comment ${commentId} is missing`);
    if (!mark(author, `comment:${commentId}`)) v.push(`comment ${commentId}: ${author} never credited`);
  }
  // written (even if not acknowledged because of a restart) ⇒ credited: the stream lost nothing
  for (const p of posts.values()) if (!mark(p.authorId, `post:${p.id}`)) v.push(`post item ${p.id} never credited`);
  for (const c of items.filter((i) => String(i.SK).startsWith('COMMENT#'))) if (!mark(c.authorId, `comment:${c.id}`)) v.push(`comment item ${c.id} never credited`);
  for (const l of items.filter((i) => String(i.SK).startsWith('LIKE#'))) {
    const author = posts.get(l.postId)?.authorId;
    if (author && author !== l.userId && !mark(author, `like:${l.postId}:${l.userId}`)) v.push(`like item ${l.postId}/${l.userId} never credited`);
  }
  // no phantom credits: every mark names a real event
  for (const m of items.filter((i) => String(i.SK).startsWith('EVENT#'))) {
    const key = String(m.SK).slice('EVENT#'.length);
    const [kind, a, b] = key.split(':');
    const sub = String(m.PK).slice('USER#'.length);
    const ok =
      (kind === 'post' && posts.get(a)?.authorId === sub) ||
      (kind === 'comment' && items.some((i) => i.SK === `COMMENT#${a}` && i.authorId === sub)) ||
      (kind === 'like' && posts.get(a)?.authorId === sub && userSubs.has(b) && b !== sub);
    if (!ok) v.push(`phantom credit ${key} to ${sub}`);
  }

  // 2. per user: balance == sum(ledger) >= 0, lifetimeEarned == credits, each credit's ledger entry once, cap
  for (const sub of userSubs) {
    const mine = byPK.get(`USER#${sub}`) ?? [];
    const wallet = mine.find((i) => i.SK === 'WALLET');
    const ledger = mine.filter((i) => String(i.SK).startsWith('TX#'));
    const marks = mine.filter((i) => String(i.SK).startsWith('EVENT#'));
    const balance = Number(wallet?.balance ?? 0);
    const sum = ledger.reduce((s, t) => s + Number(t.amount), 0);
    if (balance !== sum) v.push(`${sub}: balance ${balance} != sum(ledger) ${sum}`);
    if (balance < 0) v.push(`${sub}: negative balance ${balance}`);
    const earnedLedger = ledger.filter((t) => t.amount > 0);
    const lifetime = earnedLedger.reduce((s, t) => s + Number(t.amount), 0);
    if (Number(wallet?.lifetimeEarned ?? 0) !== lifetime) v.push(`${sub}: lifetimeEarned ${wallet?.lifetimeEarned} != credits in ledger ${lifetime}`);
    const sources = new Map<string, number>();
    for (const t of earnedLedger) sources.set(t.sourceEvent, (sources.get(t.sourceEvent) ?? 0) + 1);
    for (const [source, n] of sources) if (n > 1) v.push(`${sub}: ${source} credited ${n} times`);
    for (const m of marks) {
      const key = String(m.SK).slice('EVENT#'.length);
      const entry = earnedLedger.find((t) => t.sourceEvent === key);
      if (m.amount > 0 && entry?.amount !== m.amount) v.push(`${sub}: mark ${key} (${m.amount}) has ledger ${entry?.amount}`);
      if (m.amount === 0 && entry) v.push(`${sub}: capped mark ${key} has a ledger entry`);
    }
    const perDay = new Map<string, number>();
    for (const m of marks) perDay.set(String(m.createdAt).slice(0, 10), (perDay.get(String(m.createdAt).slice(0, 10)) ?? 0) + Number(m.amount));
    for (const [day, total] of perDay) {
      const counter = mine.find((i) => i.SK === `EARNED#${day}`);
      if (total > DAILY_CAP) v.push(`${sub}: earned ${total} on ${day} > ${DAILY_CAP}`);
      if (Number(counter?.earned ?? 0) !== total) v.push(`${sub}: EARNED#${day} says ${counter?.earned}, marks say ${total}`);
    }
    // redemptions: one ledger entry each, for its cost
    const redeems = mine.filter((i) => String(i.SK).startsWith('REDEEM#'));
    for (const r of redeems) {
      const entries = ledger.filter((t) => t.sourceEvent === `redeem:${r.requestId}`);
      if (entries.length !== 1 || entries[0].amount !== -r.cost) v.push(`${sub}: redemption ${r.requestId} has ledger ${JSON.stringify(entries.map((e) => e.amount))}`);
    }
    const spends = ledger.filter((t) => t.amount < 0);
    if (spends.length !== redeems.length) v.push(`${sub}: ${spends.length} debits for ${redeems.length} redemptions`);
  }

  // 3. no redemption beyond stock; every acknowledged redemption exists
  for (const reward of ctx.rewards) {
    const stored = get('REWARDS', `REWARD#${reward.id}`);
    const count = items.filter((i) => String(i.SK).startsWith('REDEEM#') && i.rewardId === reward.id).length;
    if (Number(stored?.stock) < 0) v.push(`reward ${reward.id}: stock ${stored?.stock} < 0`);
    if (count !== reward.stock - Number(stored?.stock)) v.push(`reward ${reward.id}: ${count} redemptions but stock went ${reward.stock} → ${stored?.stock}`);
  }
  for (const [requestId, r] of ctx.acked.redemptions) {
    const stored = get(`USER#${r.sub}`, `REDEEM#${requestId}`);
    if (!stored || stored.rewardId !== r.rewardId) v.push(`acknowledged redemption ${requestId} is missing`);
  }

  // 4. the dead-letter store holds the poisoned records (parked, never dropped)
  const parked = new Set(ctx.letters.flatMap((l) => l.Records.map((r) => recordId(r))));
  for (const c of items.filter((i) => String(i.SK).startsWith('COMMENT#') && String(i.text).includes(ctx.poisonMark))) {
    if (!parked.has(`${c.PK}|${c.SK}`)) v.push(`poisoned comment ${c.id} was not parked in the dead-letter store`);
  }
  return v;
}
