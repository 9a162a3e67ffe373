// The local AppSync server's mutations driving its real-time endpoint end to end (real APPSYNC_JS
// resolvers on NONE data sources, HTTP mutations, a raw `ws` client):
// - extensions.invalidateSubscriptions in a mutation closes (`complete`) the subscriptions of that field
//   whose setSubscriptionInvalidationFilter matches, and only those;
// - the published payload is the mutation's result un-aliased at every depth, so subscribers selecting
//   fields by name get them whatever aliases the mutation's caller used.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFrames } from '../../support/ws-frames.js';
import type { ApiDescription, ResolverDef } from '../../../infra/api/types.js';
import { attachToServer, type Realtime } from '../../../infra/local/realtime/index.js';
import { createAppSyncServer, type AppSyncServer } from '../../../infra/local/server/app.js';
import { repoRoot } from '../../support/resolver-steps.js';

const API_KEY = 'da2-events';

const SCHEMA = `
type Query { none: String @aws_api_key }
type Author @aws_api_key { id: ID! name: String }
type Post @aws_api_key { id: ID! likeCount: Int author: Author }
type GroupMessage @aws_api_key { groupId: ID! userId: ID! text: String }
type Member @aws_api_key { groupId: ID! userId: ID! }
type Mutation {
  likePost(postId: ID!): Post @aws_api_key
  sendMessage(groupId: ID!, userId: ID!, text: String): GroupMessage @aws_api_key
  removeMember(groupId: ID!, userId: ID!): Member @aws_api_key
  removeMemberFails(groupId: ID!, userId: ID!): Member @aws_api_key
}
type Subscription {
  onPostLiked(id: ID): Post @aws_subscribe(mutations: ["likePost"]) @aws_api_key
  onGroupMessage(groupId: ID!, userId: ID!): GroupMessage @aws_subscribe(mutations: ["sendMessage"]) @aws_api_key
}
`;

const passThrough = 'export function response(ctx) { return ctx.result; }';
const removeMember = (fails: boolean) =>
  `import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: { groupId: ctx.args.groupId, userId: ctx.args.userId } }; }
export function response(ctx) {
  extensions.invalidateSubscriptions({ subscriptionField: 'onGroupMessage', payload: { groupId: ctx.args.groupId, userId: ctx.args.userId } });
  ${fails ? "util.error('not an admin', 'Unauthorized');" : ''}
  return ctx.result;
}`;

const RESOLVERS: Record<string, string> = {
  'Mutation.likePost': `export function request(ctx) { return { payload: { id: ctx.args.postId, likeCount: 5, author: { id: 'a1', name: 'Ann' } } }; }\n${passThrough}`,
  'Mutation.sendMessage': `export function request(ctx) { return { payload: ctx.args }; }\n${passThrough}`,
  'Mutation.removeMember': removeMember(false),
  'Mutation.removeMemberFails': removeMember(true),
  // as in AWS's guide: deliver the group's messages; invalidate this member's subscription on removal
  'Subscription.onGroupMessage': `import { util, extensions } from '@aws-appsync/utils';
export function request(ctx) { return { payload: null }; }
export function response(ctx) {
  extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ groupId: { eq: ctx.args.groupId } }));
  extensions.setSubscriptionInvalidationFilter(util.transform.toSubscriptionFilter({ groupId: { eq: ctx.args.groupId }, userId: { eq: ctx.args.userId } }));
  return null;
}`,
};

let dir: string;
let server: AppSyncServer;
let realtime: Realtime;

async function gql(query: string, variables?: object): Promise<{ data: any; errors?: any[] }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': API_KEY }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: any; errors?: any[] };
}

const auth = () => ({ host: '127.0.0.1', 'x-api-key': API_KEY });

/** A raw AppSync real-time client: acknowledged connection, keep-alives dropped, frames queued in order. */
async function connect() {
  const header = Buffer.from(JSON.stringify(auth())).toString('base64');
  const { ws, inbox, next, send } = await openFrames(`${server.realtimeUrl}?header=${header}&payload=e30=`, ['graphql-ws'], { dropKeepAlives: true });
  send({ type: 'connection_init' });
  expect((await next()).type).toBe('connection_ack');
  const subscribe = async (id: string, query: string, variables: object = {}) => {
    send({ id, type: 'start', payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: auth() } } });
    expect(await next()).toEqual({ type: 'start_ack', id });
  };
  return { ws, next, send, subscribe, inbox };
}

const ON_GROUP = 'subscription S($g: ID!, $u: ID!) { onGroupMessage(groupId: $g, userId: $u) { groupId userId text } }';
const SEND = 'mutation M($g: ID!, $u: ID!, $t: String) { sendMessage(groupId: $g, userId: $u, text: $t) { groupId userId text } }';
const settle = () => new Promise((r) => setTimeout(r, 150));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'rt-events-'));
  mkdirSync(path.join(dir, 'infra'));
  mkdirSync(path.join(dir, 'resolvers'));
  copyFileSync(path.join(repoRoot, 'infra/appsync-builtins.graphql'), path.join(dir, 'infra/appsync-builtins.graphql'));
  writeFileSync(path.join(dir, 'schema.graphql'), SCHEMA);
  const resolvers: ResolverDef[] = Object.entries(RESOLVERS).map(([key, code]) => {
    writeFileSync(path.join(dir, `resolvers/${key}.js`), `${code}\n`);
    const [typeName, fieldName] = key.split('.');
    return { typeName, fieldName, kind: 'UNIT', file: `resolvers/${key}.js`, dataSource: 'none' };
  });
  const api: ApiDescription = {
    name: 'rt-events',
    schemaFile: 'schema.graphql',
    auth: { default: 'API_KEY', additional: [], adminGroup: 'admins' },
    env: {},
    tables: {},
    buckets: {},
    dataSources: { none: { kind: 'NONE' } },
    resolvers,
    functions: {},
  };
  server = await createAppSyncServer({ api, repoRoot: dir, apiKeys: [API_KEY], resources: { tables: {} }, log: () => {} });
  realtime = attachToServer(server);
});

afterAll(async () => {
  await realtime?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('mutations → subscriptions through the local AppSync server', () => {
  it('invalidateSubscriptions closes only the subscriptions whose invalidation filter matches; the rest keep receiving', async () => {
    const alice = await connect();
    const bob = await connect();
    await alice.subscribe('a', ON_GROUP, { g: 'g1', u: 'alice' });
    await alice.subscribe('other', ON_GROUP, { g: 'g2', u: 'alice' }); // another group: not invalidated
    await bob.subscribe('b', ON_GROUP, { g: 'g1', u: 'bob' });

    await gql(SEND, { g: 'g1', u: 'bob', t: 'hi' });
    const hi = { data: { onGroupMessage: { groupId: 'g1', userId: 'bob', text: 'hi' } } };
    expect(await alice.next()).toEqual({ type: 'data', id: 'a', payload: hi });
    expect(await bob.next()).toEqual({ type: 'data', id: 'b', payload: hi });

    // a failed mutation (util.error after the call) invalidates nothing
    const refused = await gql('mutation { removeMemberFails(groupId: "g1", userId: "alice") { userId } }');
    expect(refused.errors?.[0]).toMatchObject({ errorType: 'Unauthorized' });
    await settle();
    expect(alice.inbox).toEqual([]);
    expect(realtime.registry.list('onGroupMessage')).toHaveLength(3);

    // the mutation's caller sees only its own result
    expect(await gql('mutation { removeMember(groupId: "g1", userId: "alice") { userId } }')).toEqual({ data: { removeMember: { userId: 'alice' } } });
    expect(await alice.next()).toEqual({ type: 'complete', id: 'a' });
    expect(realtime.registry.list('onGroupMessage').map((e) => e.id).sort()).toEqual(['b', 'other']);

    await gql(SEND, { g: 'g1', u: 'bob', t: 'still there?' });
    expect(await bob.next()).toMatchObject({ type: 'data', id: 'b', payload: { data: { onGroupMessage: { text: 'still there?' } } } });
    await gql(SEND, { g: 'g2', u: 'carol', t: 'g2 lives' });
    expect(await alice.next()).toMatchObject({ type: 'data', id: 'other', payload: { data: { onGroupMessage: { text: 'g2 lives' } } } });
    await settle();
    expect(alice.inbox).toEqual([]); // nothing more for the invalidated 'a'
    expect(bob.inbox).toEqual([]);

    // the id is free again: the client may subscribe anew (AppSync would re-run the resolver's checks)
    await alice.subscribe('a', ON_GROUP, { g: 'g1', u: 'alice' });
    alice.ws.close();
    bob.ws.close();
  });

  it("the published payload is un-aliased at every depth: subscribers get fields by name whatever the caller's aliases", async () => {
    const sub = await connect();
    await sub.subscribe('p', 'subscription { onPostLiked(id: "p1") { id likeCount author { name } } }');
    await sub.subscribe('q', 'subscription { onPostLiked(id: "p1") { likeCount author { id name } } }');

    const r = await gql('mutation { like: likePost(postId: "p1") { pid: id n: likeCount who: author { nm: name } } }');
    expect(r).toEqual({ data: { like: { pid: 'p1', n: 5, who: { nm: 'Ann' } } } });
    const got = [await sub.next(), await sub.next()].sort((x, y) => x.id.localeCompare(y.id));
    expect(got[0]).toEqual({ type: 'data', id: 'p', payload: { data: { onPostLiked: { id: 'p1', likeCount: 5, author: { name: 'Ann' } } } } });
    // author.id is not in the mutation's selection: null, and being ID! it nulls author with an error (as on AWS)
    expect(got[1]).toMatchObject({ type: 'data', id: 'q', payload: { data: { onPostLiked: { likeCount: 5, author: null } }, errors: [expect.objectContaining({ path: ['onPostLiked', 'author', 'id'] })] } });
    sub.ws.close();
  });
});
