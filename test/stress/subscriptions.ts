// Subscription isolation: many raw-WebSocket subscribers (AppSync real-time protocol) with honest and
// adversarial arguments (other users' ids, empty, huge, unicode, filter-injection strings), then real events
// (IAM publishNotification per user, likes on two posts, moderation events). No event may reach anyone it is
// not for; every honest subscriber gets every event that is for it.
import { ulid } from 'ulid';
import { demoImage, uploadImage } from '../../infra/local/seed.js';
import { authHeaders, connectRealtime, createUsers, gql, iamAuth, must, type Auth, type RawRealtime, type StressStack, type TestUser } from '../support/stress.js';

export interface IsolationReport {
  subscribers: number;
  accepted: number;
  refused: number;
  connections: number;
  events: number;
  deliveries: number;
  violations: string[];
}

/** Arguments meant to break out of "my own" / "this post": other ids, empty, huge, unicode, injection. */
export function adversarialIds(victim: string): string[] {
  return [
    victim,
    '',
    ' ',
    `${victim} `,
    victim.toUpperCase(),
    `${victim}\u0000`,
    `${victim}\u200b`,
    'x'.repeat(10_000),
    '\ud800',
    '‮' + victim,
    '👩‍👩‍👧‍👦',
    '*',
    '%',
    '{"ne":""}',
    '" OR "1"="1',
    `${victim}","userId":{"ne":null}`,
    'null',
    '__proto__',
  ];
}

interface Sub {
  id: string;
  field: 'onNotification' | 'onPostCounts' | 'onModerationEvent';
  arg: string | null;
  who: string; // sub or 'apiKey'
  isAdmin: boolean;
  honest: boolean;
  conn: RawRealtime;
  state: 'pending' | 'ack' | 'error';
}

const QUERIES = {
  onNotification: 'subscription N($a: ID!) { onNotification(userId: $a) { id userId kind } }',
  onPostCounts: 'subscription C($a: ID!) { onPostCounts(postId: $a) { postId likeCount } }',
  onModerationEvent: 'subscription M { onModerationEvent { postId status } }',
};

export async function runIsolation(ss: StressStack, opts: { users: number; perConnection: number; target: number }): Promise<IsolationReport> {
  const url = ss.stack.graphqlUrl;
  const [users, [admin]] = await Promise.all([createUsers(ss.stack, 'iso', opts.users), createUsers(ss.stack, 'isoadmin', 1, { admin: true })]);
  // two approved posts to watch
  const uploads = [await uploadImage(ss.stack, users[0].idToken, await demoImage(5)), await uploadImage(ss.stack, users[0].idToken, await demoImage(6))];
  await ss.stack.settle(60_000);
  const posts: string[] = [];
  for (const uploadId of uploads) {
    posts.push((await must(url, users[0].auth, 'mutation C($i: CreatePostInput!) { createPost(input: $i) { id } }', { i: { uploadId, caption: 'Isolation' } })).createPost.id);
  }
  await ss.stack.settle(60_000);

  // the plan: honest and adversarial subscriptions, round-robin over callers
  type Plan = Omit<Sub, 'id' | 'conn' | 'state'> & { auth: Auth };
  const plan: Plan[] = [];
  const callers: Array<{ who: string; auth: Auth; isAdmin: boolean; user?: TestUser }> = [
    ...users.map((u) => ({ who: u.sub, auth: u.auth, isAdmin: false, user: u })),
    { who: admin.sub, auth: admin.auth, isAdmin: true, user: admin },
    { who: 'apiKey', auth: { kind: 'apiKey', key: ss.stack.apiKey } as Auth, isAdmin: false },
  ];
  for (let i = 0; plan.length < opts.target; i += 1) {
    const c = callers[i % callers.length];
    const victim = users[(i + 1) % users.length].sub;
    const mode = i % 4;
    if (mode === 0 && c.user) plan.push({ field: 'onNotification', arg: c.who, who: c.who, isAdmin: c.isAdmin, honest: true, auth: c.auth });
    else if (mode === 1) {
      const bad = adversarialIds(victim);
      plan.push({ field: 'onNotification', arg: bad[i % bad.length], who: c.who, isAdmin: c.isAdmin, honest: false, auth: c.auth });
    } else if (mode === 2) plan.push({ field: 'onPostCounts', arg: posts[i % 2], who: c.who, isAdmin: c.isAdmin, honest: true, auth: c.auth });
    else {
      const bad = [...adversarialIds(posts[i % 2]).slice(1), posts[(i + 1) % 2]];
      plan.push({ field: i % 8 === 3 ? 'onModerationEvent' : 'onPostCounts', arg: i % 8 === 3 ? null : bad[i % bad.length], who: c.who, isAdmin: c.isAdmin, honest: i % 8 === 3 && c.isAdmin, auth: c.auth });
    }
  }

  // group by caller into connections of perConnection subscriptions
  const subs: Sub[] = [];
  const conns: RawRealtime[] = [];
  const byCaller = new Map<string, Plan[]>();
  for (const p of plan) byCaller.set(p.who, [...(byCaller.get(p.who) ?? []), p]);
  for (const group of byCaller.values()) {
    for (let i = 0; i < group.length; i += opts.perConnection) {
      const chunk = group.slice(i, i + opts.perConnection);
      const conn = await connectRealtime(ss.stack.realtimeUrl, url, await authHeaders(`${url}/connect`, '{}', chunk[0].auth));
      conns.push(conn);
      for (const p of chunk) {
        const sub: Sub = { ...p, id: `s${subs.length}`, conn, state: 'pending' };
        const variables = p.arg === null ? {} : { a: p.arg };
        const data = JSON.stringify({ query: QUERIES[p.field], variables });
        conn.start(sub.id, QUERIES[p.field], variables, await authHeaders(url, data, p.auth));
        subs.push(sub);
      }
    }
  }
  await Promise.all(
    subs.map(async (s) => {
      const m = await s.conn.next((x) => x.id === s.id && (x.type === 'start_ack' || x.type === 'error'), 30_000);
      s.state = m.type === 'start_ack' ? 'ack' : 'error';
    }),
  );
  const violations: string[] = [];
  for (const s of subs) {
    if (s.honest && s.state !== 'ack') violations.push(`honest ${s.field}(${s.arg}) by ${s.who} refused`);
    // only your own notifications, only admins on the moderation stream
    if (s.field === 'onNotification' && s.arg !== s.who && s.state === 'ack') violations.push(`onNotification(${JSON.stringify(s.arg).slice(0, 60)}) accepted for ${s.who}`);
    if (s.field === 'onModerationEvent' && !s.isAdmin && s.state === 'ack') violations.push(`onModerationEvent accepted for non-admin ${s.who}`);
  }

  // events: a notification per user (IAM, as the notifier does), likes on both posts, a moderation event
  let events = 0;
  const sent = new Map<string, number>();
  await Promise.all(
    users.map(async (u) => {
      for (let k = 0; k < 2; k += 1) {
        await must(url, iamAuth(), 'mutation P($i: PublishNotificationInput!) { publishNotification(input: $i) { id userId kind message read createdAt } }', {
          i: { id: ulid(), userId: u.sub, kind: 'COINS_EARNED', message: 'isolation', createdAt: new Date().toISOString() },
        });
        sent.set(u.sub, (sent.get(u.sub) ?? 0) + 1);
        events += 1;
      }
    }),
  );
  const likes = new Map<string, number>();
  for (const u of users.slice(1)) {
    for (const p of posts) {
      const a = await gql(url, u.auth, 'mutation L($p: ID!) { likePost(postId: $p) { postId likeCount commentCount liked } }', { p });
      if (a.data?.likePost) {
        likes.set(p, (likes.get(p) ?? 0) + 1);
        events += 1;
      }
    }
  }
  await must(url, iamAuth(), 'mutation E($i: PublishModerationEventInput!) { publishModerationEvent(input: $i) { postId status reason createdAt } }', {
    i: { postId: posts[0], status: 'FLAGGED', reason: 'isolation', createdAt: new Date().toISOString() },
  });
  events += 1;
  await new Promise((r) => setTimeout(r, 1500));

  let deliveries = 0;
  for (const s of subs) {
    const got = s.conn.messages.filter((m) => m.id === s.id && m.type === 'data');
    deliveries += got.length;
    if (s.state !== 'ack' && got.length) violations.push(`refused ${s.field}(${s.arg}) received ${got.length} events`);
    for (const m of got) {
      const value = m.payload?.data?.[s.field];
      if (s.field === 'onNotification' && value?.userId !== s.who) violations.push(`${s.who} received a notification for ${value?.userId}`);
      if (s.field === 'onPostCounts' && value?.postId !== s.arg) violations.push(`onPostCounts(${String(s.arg).slice(0, 40)}) received counts of ${value?.postId}`);
      if (s.field === 'onModerationEvent' && !s.isAdmin) violations.push(`non-admin ${s.who} received a moderation event`);
    }
    if (s.honest && s.state === 'ack') {
      const want = s.field === 'onNotification' ? sent.get(s.who) ?? 0 : s.field === 'onPostCounts' ? likes.get(s.arg!) ?? 0 : 1;
      // the stream also publishes real notifications (e.g. coins for the posts above): at least what we sent
      if (s.field === 'onNotification' ? got.length < want : got.length !== want) violations.push(`honest ${s.field}(${s.arg}) by ${s.who}: ${got.length} of ${want} events`);
    }
  }
  for (const c of conns) c.close();
  return {
    subscribers: subs.length,
    accepted: subs.filter((s) => s.state === 'ack').length,
    refused: subs.filter((s) => s.state === 'error').length,
    connections: conns.length,
    events,
    deliveries,
    violations,
  };
}
