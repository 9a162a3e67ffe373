// Authorisation matrix: every root field of schema.graphql (Query, Mutation, Subscription) × every caller
// (no auth, API key, the owner, another user, an admin, IAM), plus forged / expired / wrong-audience tokens and
// bad SigV4 signatures. The expected cell is computed here from the schema's own @aws_* directives (field
// directive, else the type's, else the default mode Cognito; cognito_groups restrict) and the resolvers'
// ownership rules written down in OWNERSHIP — not from the server's auth code, so the two check each other.
// A schema field without a row in ROWS fails the matrix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType, Kind, type ConstDirectiveNode, type GraphQLSchema } from 'graphql';
import { ulid } from 'ulid';
import { demoImage, uploadImage } from '../../infra/local/seed.js';
import { LOCAL_IAM, REPO_ROOT } from '../../infra/local/start.js';
import {
  authHeaders,
  badTokens,
  connectRealtime,
  createUsers,
  gql,
  iamAuth,
  must,
  type Auth,
  type GqlAnswer,
  type StressStack,
  type TestUser,
} from '../support/stress.js';

export type Caller = 'none' | 'apiKey' | 'owner' | 'other' | 'admin' | 'iam';
export const CALLERS: Caller[] = ['none', 'apiKey', 'owner', 'other', 'admin', 'iam'];

export function loadSchema(): GraphQLSchema {
  const builtins = readFileSync(path.join(REPO_ROOT, 'infra/appsync-builtins.graphql'), 'utf8');
  return buildSchema(`${builtins}\n${readFileSync(path.join(REPO_ROOT, 'schema.graphql'), 'utf8')}`);
}

interface Rule {
  mode: 'API_KEY' | 'COGNITO' | 'IAM' | 'OTHER';
  groups?: string[];
}

function rulesOf(directives: readonly ConstDirectiveNode[] | undefined): Rule[] | undefined {
  const out: Rule[] = [];
  for (const d of directives ?? []) {
    const name = d.name.value;
    if (!name.startsWith('aws_') || name === 'aws_subscribe') continue;
    const mode = name === 'aws_api_key' ? 'API_KEY' : name === 'aws_iam' ? 'IAM' : name === 'aws_cognito_user_pools' ? 'COGNITO' : 'OTHER';
    const arg = d.arguments?.find((a) => a.name.value === 'cognito_groups');
    const groups = arg?.value.kind === Kind.LIST ? arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : undefined;
    out.push({ mode, groups });
  }
  return out.length ? out : undefined;
}

/** What the schema allows a caller on Type.field (before any resolver rule). */
export function schemaAllows(schema: GraphQLSchema, typeName: string, fieldName: string, caller: Caller): boolean {
  if (caller === 'none') return false;
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const field = type.getFields()[fieldName];
  const rules = rulesOf(field.astNode?.directives) ?? rulesOf(type.astNode?.directives) ?? [{ mode: 'COGNITO' }];
  const mode = caller === 'apiKey' ? 'API_KEY' : caller === 'iam' ? 'IAM' : 'COGNITO';
  const groups = caller === 'admin' ? ['admins'] : [];
  return rules.some((r) => r.mode === mode && (!r.groups || r.groups.some((g) => groups.includes(g))));
}

interface Fixture {
  owner: TestUser;
  other: TestUser;
  admin: TestUser;
  postId: string;
  uploadId: string;
  rewardId: string;
}

interface Row {
  /** the selection, e.g. `post(id: $postId) { id }`, using the variables below */
  doc: string;
  vars?: string;
  values?: (f: Fixture, caller: Caller) => Record<string, unknown>;
}

const created = '2026-11-22T10:00:00.000Z';
/** One row per root field. A new field in the schema without a row here fails the matrix. */
export const ROWS: Record<string, Row> = {
  'Query.feed': { doc: 'feed(limit: 1) { items { id } }' },
  'Query.post': { doc: 'post(id: $p) { id }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Query.userPosts': { doc: 'userPosts(userId: $u, limit: 1) { items { id } }', vars: '$u: ID!', values: (f) => ({ u: f.owner.sub }) },
  'Query.myPosts': { doc: 'myPosts(limit: 1) { items { id } }' },
  'Query.comments': { doc: 'comments(postId: $p, limit: 1) { items { id } }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Query.likedPosts': { doc: 'likedPosts(postIds: [$p])', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Query.profile': { doc: 'profile(userId: $u) { id }', vars: '$u: ID!', values: (f) => ({ u: f.owner.sub }) },
  'Query.me': { doc: 'me { id }' },
  'Query.upload': { doc: 'upload(id: $id) { id status }', vars: '$id: ID!', values: (f) => ({ id: f.uploadId }) },
  'Query.wallet': { doc: 'wallet { balance }' },
  'Query.ledger': { doc: 'ledger(limit: 1) { items { id } }' },
  'Query.rewards': { doc: 'rewards(limit: 1) { items { id } }' },
  'Query.myRedemptions': { doc: 'myRedemptions(limit: 1) { items { requestId } }' },
  'Query.notifications': { doc: 'notifications(limit: 1) { items { id } unreadCount }' },
  'Query.moderationQueue': { doc: 'moderationQueue(limit: 1) { items { id } }' },
  'Query.postReports': { doc: 'postReports(postId: $p, limit: 1) { items { reporterId } }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Query.auditLog': { doc: 'auditLog(day: "2026-11-22", limit: 1) { items { id } }' },
  'Mutation.requestUpload': { doc: 'requestUpload(input: {contentType: "image/png", size: 100}) { uploadId }' },
  'Mutation.createPost': { doc: 'createPost(input: {uploadId: "no-such-upload", caption: "x"}) { id }' },
  // the owner deletes a post that does not exist (keeps the fixture); everyone else tries the owner's post
  'Mutation.deletePost': { doc: 'deletePost(id: $id) { id }', vars: '$id: ID!', values: (f, c) => ({ id: c === 'owner' ? 'no-such-post' : f.postId }) },
  'Mutation.likePost': { doc: 'likePost(postId: $p) { postId liked }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Mutation.unlikePost': { doc: 'unlikePost(postId: $p) { postId liked }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Mutation.addComment': { doc: 'addComment(input: {postId: $p, text: "matrix"}) { id }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Mutation.reportPost': { doc: 'reportPost(input: {postId: $p, reason: "matrix"}) { postId }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Mutation.updateProfile': { doc: 'updateProfile(input: {bio: "matrix"}) { id }' },
  'Mutation.markNotificationsRead': { doc: 'markNotificationsRead(upTo: "01KAAAAAAAAAAAAAAAAAAAAAAA")' },
  'Mutation.redeemReward': {
    doc: 'redeemReward(input: {rewardId: $r, requestId: $q}) { requestId }',
    vars: '$r: ID!, $q: ID!',
    values: (f) => ({ r: f.rewardId, q: ulid() }),
  },
  'Mutation.moderatePost': { doc: 'moderatePost(input: {postId: "no-such-post", decision: APPROVE}) { id }' },
  'Mutation.putReward': { doc: 'putReward(input: {name: "matrix", description: "m", cost: 5, stock: 0}) { id }' },
  'Mutation.publishNotification': {
    doc: 'publishNotification(input: {id: $id, userId: $u, kind: COINS_EARNED, message: "matrix", createdAt: $at}) { id userId }',
    vars: '$id: ID!, $u: ID!, $at: AWSDateTime!',
    values: (f) => ({ id: ulid(), u: f.owner.sub, at: created }),
  },
  'Mutation.publishModerationEvent': {
    doc: 'publishModerationEvent(input: {postId: $p, status: FLAGGED, reason: "matrix", createdAt: $at}) { postId }',
    vars: '$p: ID!, $at: AWSDateTime!',
    values: (f) => ({ p: f.postId, at: created }),
  },
  'Subscription.onNotification': { doc: 'onNotification(userId: $u) { id }', vars: '$u: ID!', values: (f) => ({ u: f.owner.sub }) },
  'Subscription.onPostCounts': { doc: 'onPostCounts(postId: $p) { postId likeCount }', vars: '$p: ID!', values: (f) => ({ p: f.postId }) },
  'Subscription.onModerationEvent': { doc: 'onModerationEvent { postId }' },
};

/** Resolver ownership rules on top of the directives: who, within an allowed mode, is still refused. */
const OWNERSHIP: Record<string, Caller[]> = {
  'Mutation.deletePost': ['other', 'admin'], // the author only
  'Subscription.onNotification': ['other', 'admin'], // your own notifications only
};

export function expected(schema: GraphQLSchema, key: string, caller: Caller): 'allowed' | 'denied' | 'noAuth' {
  if (caller === 'none') return 'noAuth';
  const [type, field] = key.split('.');
  if (!schemaAllows(schema, type, field, caller)) return 'denied';
  return OWNERSHIP[key]?.includes(caller) ? 'denied' : 'allowed';
}

export function rootFields(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
    t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
  );
}

export interface MatrixReport {
  fields: number;
  cells: number;
  badCredentialCells: number;
  violations: string[];
}

async function fixture(ss: StressStack): Promise<Fixture> {
  const url = ss.stack.graphqlUrl;
  const [[owner, other], [admin]] = await Promise.all([createUsers(ss.stack, 'mxuser', 2), createUsers(ss.stack, 'mxadmin', 1, { admin: true })]);
  const uploadId = await uploadImage(ss.stack, owner.idToken, await demoImage(3));
  const spare = await uploadImage(ss.stack, owner.idToken, await demoImage(4));
  await ss.stack.settle(60_000);
  const { createPost } = await must(url, owner.auth, 'mutation C($i: CreatePostInput!) { createPost(input: $i) { id } }', { i: { uploadId: spare, caption: 'Matrix' } });
  await ss.stack.settle(60_000);
  const { putReward } = await must(url, admin.auth, 'mutation R($i: PutRewardInput!) { putReward(input: $i) { id } }', { i: { name: 'Matrix', description: 'm', cost: 1, stock: 100 } });
  return { owner, other, admin, postId: createPost.id, uploadId, rewardId: putReward.id };
}

function authOf(ss: StressStack, f: Fixture, caller: Caller): Auth {
  switch (caller) {
    case 'none':
      return { kind: 'none' };
    case 'apiKey':
      return { kind: 'apiKey', key: ss.stack.apiKey };
    case 'owner':
      return f.owner.auth;
    case 'other':
      return f.other.auth;
    case 'admin':
      return f.admin.auth;
    case 'iam':
      return iamAuth();
  }
}

function documentOf(key: string, row: Row): string {
  const [type, field] = key.split('.');
  const op = type === 'Query' ? 'query' : type === 'Mutation' ? 'mutation' : 'subscription';
  return `${op} M_${field}${row.vars ? `(${row.vars})` : ''} { ${row.doc} }`;
}

const isUnauthorized = (e: { errorType?: string | null }) => e.errorType === 'Unauthorized' || e.errorType === 'UnauthorizedException';

function judgeHttp(key: string, caller: Caller, want: string, a: GqlAnswer): string | undefined {
  const field = key.split('.')[1];
  const errs = a.errors ?? [];
  const cell = `${key} × ${caller}: want ${want}, got HTTP ${a.status} ${JSON.stringify(errs.map((e) => e.errorType ?? e.message)).slice(0, 200)}`;
  if (want === 'noAuth') return a.status === 401 && errs[0]?.errorType === 'UnauthorizedException' && !a.data ? undefined : cell;
  if (want === 'denied') {
    const ok = a.status === 200 && errs.some(isUnauthorized) && (a.data?.[field] ?? null) === null;
    return ok ? undefined : cell;
  }
  if (a.status !== 200 || errs.some(isUnauthorized)) return cell;
  // allowed: no leak across users where the answer is the caller's own
  if (key === 'Query.upload' && caller !== 'owner' && a.data?.upload) return `${cell}: sees the owner's upload`;
  return undefined;
}

/** Run every cell; returns the violations (empty = every cell as the schema and ownership rules say). */
export async function runAuthMatrix(ss: StressStack): Promise<MatrixReport> {
  const schema = loadSchema();
  const fields = rootFields(schema);
  const violations: string[] = [];
  for (const key of fields) if (!ROWS[key]) violations.push(`${key}: no row in the authorisation matrix (add one to test/stress/auth-matrix.ts ROWS)`);
  for (const key of Object.keys(ROWS)) if (!fields.includes(key)) violations.push(`${key}: matrix row for a field the schema no longer has`);
  const f = await fixture(ss);
  const url = ss.stack.graphqlUrl;
  let cells = 0;
  let badCells = 0;

  const http = fields.filter((k) => !k.startsWith('Subscription.') && ROWS[k]);
  // the post's owner runs last for likePost/unlikePost so nothing here changes what later cells expect
  await Promise.all(
    http.flatMap((key) =>
      CALLERS.map(async (caller) => {
        const row = ROWS[key];
        const a = await gql(url, authOf(ss, f, caller), documentOf(key, row), row.values?.(f, caller) ?? {});
        cells += 1;
        const v = judgeHttp(key, caller, expected(schema, key, caller), a);
        if (v) violations.push(v);
        if (key === 'Query.me' && caller === 'other' && a.data?.me?.id !== f.other.sub) violations.push(`Query.me × other: got ${JSON.stringify(a.data)}`);
      }),
    ),
  );

  // a type-level rule inside an allowed field: Post.reportCount is for admins only
  for (const caller of ['apiKey', 'owner', 'admin'] as Caller[]) {
    const a = await gql(url, authOf(ss, f, caller), 'query R($p: ID!) { post(id: $p) { id reportCount } }', { p: f.postId });
    cells += 1;
    const denied = (a.errors ?? []).some((e) => isUnauthorized(e) && /reportCount/.test(e.message));
    if (denied !== (caller !== 'admin')) violations.push(`Post.reportCount × ${caller}: ${JSON.stringify(a.errors ?? a.data)}`);
  }

  // bad credentials: refused before any field runs, on every HTTP field
  const bad = badTokens(f.admin.idToken);
  const badAuths: Array<[string, Auth]> = [
    ...Object.entries(bad).map(([name, token]) => [`token:${name}`, { kind: 'token', token }] as [string, Auth]),
    ['apiKey:wrong', { kind: 'apiKey', key: 'da2-wrongkey' }],
    ['iam:wrongSecret', { kind: 'iam', accessKeyId: LOCAL_IAM.accessKeyId, secretAccessKey: 'nope' }],
    ['iam:unknownKey', { kind: 'iam', accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }],
    ['iam:tamperedBody', { kind: 'iam', ...LOCAL_IAM, tamper: true }],
    ['iam:expired', { kind: 'iam', ...LOCAL_IAM, date: new Date(Date.now() - 20 * 60_000) }],
  ];
  await Promise.all(
    http.flatMap((key) =>
      badAuths.map(async ([name, auth]) => {
        const row = ROWS[key];
        const a = await gql(url, auth, documentOf(key, row), row.values?.(f, 'admin') ?? {});
        badCells += 1;
        if (!(a.status === 401 || a.status === 403) || a.data) violations.push(`${key} × ${name}: want 401/403 without data, got HTTP ${a.status} ${JSON.stringify(a.errors ?? a.data).slice(0, 200)}`);
      }),
    ),
  );

  // subscriptions over the real-time WebSocket
  const rt = ss.stack.realtimeUrl;
  for (const key of fields.filter((k) => k.startsWith('Subscription.') && ROWS[k])) {
    for (const caller of CALLERS) {
      const row = ROWS[key];
      const want = expected(schema, key, caller);
      const auth = authOf(ss, f, caller);
      const headers = await authHeaders(`${url}/connect`, '{}', auth);
      cells += 1;
      const client = await connectRealtime(rt, url, headers).catch((err: Error) => err);
      if (client instanceof Error) {
        if (want !== 'noAuth') violations.push(`${key} × ${caller}: connection failed: ${client.message}`);
        continue;
      }
      try {
        if (client.messages.some((m) => m.type === 'connection_error')) {
          if (want !== 'noAuth') violations.push(`${key} × ${caller}: connection_error ${JSON.stringify(client.messages)}`);
          continue;
        }
        if (want === 'noAuth') {
          violations.push(`${key} × none: connection accepted without credentials`);
          continue;
        }
        const data = JSON.stringify({ query: documentOf(key, row), variables: row.values?.(f, caller) ?? {} });
        client.start('s1', documentOf(key, row), row.values?.(f, caller) ?? {}, await authHeaders(url, data, auth));
        const m = await client.next((x) => x.id === 's1' && (x.type === 'start_ack' || x.type === 'error'));
        const got = m.type === 'start_ack' ? 'allowed' : m.payload?.errors?.some(isUnauthorized) ? 'denied' : `error ${JSON.stringify(m.payload)}`;
        if (got !== want) violations.push(`${key} × ${caller}: want ${want}, got ${got}`);
      } finally {
        client.close();
      }
    }
    for (const name of ['forgedClaims', 'expired', 'wrongAudience'] as const) {
      badCells += 1;
      const client = await connectRealtime(rt, url, { authorization: bad[name] }).catch((err: Error) => err);
      if (!(client instanceof Error)) {
        if (!client.messages.some((m) => m.type === 'connection_error')) violations.push(`${key} connect × token:${name}: accepted`);
        client.close();
      }
    }
  }
  return { fields: fields.length, cells, badCredentialCells: badCells, violations };
}
