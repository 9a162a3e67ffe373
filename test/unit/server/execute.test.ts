// The executor with real APPSYNC_JS resolvers on NONE data sources (no services needed): ctx.info as
// AppSync fills it, util.error / util.appendError shapes, the resolver-count limit, mutation events.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDescription, ResolverDef } from '../../../infra/api/types.js';
import { createAppSyncServer, type AppSyncServer, type MutationEvent } from '../../../infra/local/server/app.js';
import { repoRoot } from '../../support/resolver-steps.js';

const SCHEMA = `
type Query {
  info(a: Int): AWSJSON @aws_api_key
  fails: String @aws_api_key
  partial: String @aws_api_key
  items: [Item] @aws_api_key
  env: String @aws_api_key
}
type Item @aws_api_key { id: ID! detail: String }
type Mutation {
  touch(id: ID!): Thing @aws_api_key
  revoke(id: ID!): Thing @aws_api_key
  revokeFails(id: ID!): Thing @aws_api_key
}
type Thing @aws_api_key { id: ID! name: String other: String child: Thing kids: [Thing] }
type Subscription { onTouch(id: ID): Thing @aws_subscribe(mutations: ["touch"]) @aws_api_key }
`;

const RESOLVERS: Record<string, string> = {
  'Query.info': 'export function request(ctx) { return { payload: ctx.info }; }\nexport function response(ctx) { return ctx.result; }',
  'Query.fails': "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.error('nope', 'Boom', { x: 1 }, { why: 'test' }); return {}; }\nexport function response(ctx) { return ctx.result; }",
  'Query.partial': "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { util.appendError('half', 'Partial'); return { payload: 'value' }; }\nexport function response(ctx) { return ctx.result; }",
  'Query.items': 'export function request(ctx) { return { payload: [{ id: "1" }, { id: "2" }, { id: "3" }] }; }\nexport function response(ctx) { return ctx.result; }',
  'Item.detail': 'export function request(ctx) { return { payload: "d" + ctx.source.id }; }\nexport function response(ctx) { return ctx.result; }',
  'Query.env': 'export function request(ctx) { return { payload: ctx.env.GREETING }; }\nexport function response(ctx) { return ctx.result; }',
  'Mutation.touch':
    'export function request(ctx) { return { payload: { id: ctx.args.id, name: "n", other: "o", child: { id: "c", name: "cn", child: { id: "g", name: "gn" } }, kids: [{ id: "k1", name: "a" }, { id: "k2", name: "b" }] } }; }\nexport function response(ctx) { return ctx.result; }',
  'Mutation.revoke':
    "import { extensions } from '@aws-appsync/utils';\nexport function request(ctx) { return { payload: null }; }\nexport function response(ctx) { extensions.invalidateSubscriptions({ subscriptionField: 'onTouch', payload: { id: ctx.args.id } }); extensions.invalidateSubscriptions({ subscriptionField: 'onTouch', payload: { id: 'also' } }); return ctx.result; }",
  'Mutation.revokeFails':
    "import { util, extensions } from '@aws-appsync/utils';\nexport function request(ctx) { return { payload: { id: ctx.args.id } }; }\nexport function response(ctx) { extensions.invalidateSubscriptions({ subscriptionField: 'onTouch', payload: { id: ctx.args.id } }); util.error('refused', 'Refused'); return ctx.result; }",
};

let dir: string;
let server: AppSyncServer;
const events: MutationEvent[] = [];

function apiFor(resolvers: ResolverDef[]): ApiDescription {
  return {
    name: 'exec-test',
    schemaFile: 'schema.graphql',
    auth: { default: 'API_KEY', additional: [], adminGroup: 'admins' },
    env: { GREETING: { value: 'hello' } },
    tables: {},
    buckets: {},
    dataSources: { none: { kind: 'NONE' } },
    resolvers,
    functions: {},
  };
}

const resolverDefs = (): ResolverDef[] =>
  Object.keys(RESOLVERS).map((key) => {
    const [typeName, fieldName] = key.split('.');
    return { typeName, fieldName, kind: 'UNIT', file: `resolvers/${key}.js`, dataSource: 'none' };
  });

async function gql(query: string, variables?: unknown, url = server.url) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data: any; errors?: any[] };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'exec-test-'));
  mkdirSync(path.join(dir, 'infra'));
  mkdirSync(path.join(dir, 'resolvers'));
  copyFileSync(path.join(repoRoot, 'infra/appsync-builtins.graphql'), path.join(dir, 'infra/appsync-builtins.graphql'));
  writeFileSync(path.join(dir, 'schema.graphql'), SCHEMA);
  for (const [key, code] of Object.entries(RESOLVERS)) writeFileSync(path.join(dir, `resolvers/${key}.js`), `${code}\n`);
  server = await createAppSyncServer({ api: apiFor(resolverDefs()), repoRoot: dir, apiKeys: ['k'], resources: { tables: {} } });
  server.onMutation((e) => events.push(e));
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('executor', () => {
  it('ctx.info: field, parent type, variables, selectionSetList/GraphQL (AWSJSON result serialised)', async () => {
    const r = await gql('query Q($a: Int) { info(a: $a) }', { a: 3 });
    expect(r.errors).toBeUndefined();
    const info = JSON.parse(r.data.info);
    expect(info).toEqual({ fieldName: 'info', parentTypeName: 'Query', variables: { a: 3 }, selectionSetList: [], selectionSetGraphQL: '' });
  });

  it('util.error: the field is null and the error carries errorType, data and errorInfo', async () => {
    const r = await gql('{ fails }');
    expect(r.data).toEqual({ fails: null });
    expect(r.errors).toEqual([{ path: ['fails'], data: { x: 1 }, errorType: 'Boom', errorInfo: { why: 'test' }, locations: [{ line: 1, column: 3, sourceName: null }], message: 'nope' }]);
  });

  it('util.appendError: the field keeps its value and the error is listed', async () => {
    const r = await gql('{ partial }');
    expect(r.data).toEqual({ partial: 'value' });
    expect(r.errors).toEqual([expect.objectContaining({ path: ['partial'], errorType: 'Partial', message: 'half' })]);
  });

  it('nested resolvers get ctx.source; ctx.env comes from the description', async () => {
    const r = await gql('{ items { id detail } env }');
    expect(r.data).toEqual({ items: [{ id: '1', detail: 'd1' }, { id: '2', detail: 'd2' }, { id: '3', detail: 'd3' }], env: 'hello' });
  });

  it('resolverCountLimit: resolvers past the limit fail', async () => {
    const limited = await createAppSyncServer({ api: apiFor(resolverDefs()), repoRoot: dir, apiKeys: ['k'], resources: { tables: {} }, limits: { resolverCountLimit: 3 } });
    try {
      const r = await gql('{ items { id detail } }', undefined, limited.url);
      expect(r.data.items.map((i: { detail: string | null }) => i.detail)).toEqual(['d1', 'd2', null]);
      expect(r.errors).toEqual([expect.objectContaining({ path: ['items', 2, 'detail'], errorType: 'ResolverCountLimitExceeded' })]);
    } finally {
      await limited.close();
    }
  });

  it('a completed mutation is reported with its arguments, projected value and selection set', async () => {
    events.length = 0;
    const r = await gql('mutation { touch(id: "t1") { id name } }');
    expect(r.data).toEqual({ touch: { id: 't1', name: 'n' } });
    expect(events).toEqual([
      { fieldName: 'touch', arguments: { id: 't1' }, data: { id: 't1', name: 'n' }, invalidations: [], selectionSetList: ['id', 'name'], auth: { mode: 'API_KEY', identity: null } },
    ]);
  });

  it("a mutation event's data is un-aliased at every depth (fragments, lists, one field under two aliases), as AppSync publishes it", async () => {
    events.length = 0;
    const r = await gql(`mutation {
      t: touch(id: "t2") { i: id child { n: name c: child { gid: id } } ...F kids { kid: id } k2: kids { name } }
      plain: touch(id: "t3") { id }
    }
    fragment F on Thing { nm: name }`);
    expect(r.errors).toBeUndefined();
    // the caller still gets its aliases
    expect(r.data.t).toEqual({ i: 't2', child: { n: 'cn', c: { gid: 'g' } }, nm: 'n', kids: [{ kid: 'k1' }, { kid: 'k2' }], k2: [{ name: 'a' }, { name: 'b' }] });
    expect(events.map((e) => [e.fieldName, e.data])).toEqual([
      ['touch', { id: 't2', child: { name: 'cn', child: { id: 'g' } }, name: 'n', kids: [{ id: 'k1', name: 'a' }, { id: 'k2', name: 'b' }] }],
      ['touch', { id: 't3' }],
    ]);
  });

  it('extensions.invalidateSubscriptions calls ride on the mutation event (even when it returns null); a failed mutation invalidates nothing', async () => {
    events.length = 0;
    const r = await gql('mutation { revoke(id: "r1") { id } }');
    expect(r).toEqual({ data: { revoke: null } });
    expect(events).toEqual([
      expect.objectContaining({
        fieldName: 'revoke',
        data: null,
        invalidations: [
          { subscriptionField: 'onTouch', payload: { id: 'r1' } },
          { subscriptionField: 'onTouch', payload: { id: 'also' } },
        ],
      }),
    ]);

    events.length = 0;
    const failed = await gql('mutation { revokeFails(id: "r2") { id } }');
    expect(failed.errors?.[0]).toMatchObject({ errorType: 'Refused', path: ['revokeFails'] });
    expect(events).toEqual([]);
  });

  it('a subscription operation over HTTP is refused; runField runs the subscription resolver for the real-time layer', async () => {
    const r = await gql('subscription { onTouch(id: "t1") { id } }');
    expect(r.errors?.[0]).toMatchObject({ errorType: 'UnsupportedOperation' });
    expect(await server.executor.runField({ typeName: 'Subscription', fieldName: 'onTouch', auth: { mode: 'API_KEY', identity: null } })).toBeUndefined();
    const out = await server.executor.runField({ typeName: 'Query', fieldName: 'env', auth: { mode: 'API_KEY', identity: null } });
    expect(out?.data).toBe('hello');
  });

  it('a resolver bound to a field the schema lacks fails at start, naming it', async () => {
    const bad: ResolverDef = { typeName: 'Query', fieldName: 'nothing', kind: 'UNIT', file: 'resolvers/Query.env.js', dataSource: 'none' };
    await expect(createAppSyncServer({ api: apiFor([bad]), repoRoot: dir, apiKeys: ['k'], resources: { tables: {} } })).rejects.toThrow(/Query\.nothing/);
  });
});
