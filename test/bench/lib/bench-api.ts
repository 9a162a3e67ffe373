// The benchmark API description (test/bench/fixtures): the same declarative shape as infra/api/index.ts,
// served by the same createAppSyncServer, so the benchmark measures the product's code paths.
import type { ApiDescription, ResolverDef } from '../../../infra/api/types.js';

export const BENCH_API_KEY = 'bench-key';
export const BENCH_TABLE = 'bench';

const unit = (typeName: string, fieldName: string, dataSource: string): ResolverDef => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  file: `test/bench/fixtures/${typeName}.${fieldName}.js`,
  dataSource,
});

export const benchApi: ApiDescription = {
  name: 'bench',
  schemaFile: 'test/bench/fixtures/bench.graphql',
  auth: { default: 'API_KEY', additional: [], adminGroup: 'admins' },
  env: {},
  tables: { bench: { partitionKey: 'PK', sortKey: 'SK', indexes: [], stream: 'NEW_AND_OLD_IMAGES' } },
  buckets: {},
  dataSources: { none: { kind: 'NONE' }, table: { kind: 'DYNAMODB', table: 'bench' } },
  resolvers: [unit('Query', 'echo', 'none'), unit('Query', 'item', 'table'), unit('Mutation', 'ping', 'none'), unit('Subscription', 'onPing', 'none')],
  functions: {},
};

/** The two benchmark queries, as every side receives them. */
export const ECHO_BODY = { query: 'query Echo($m: String) { echo(msg: $m) }', variables: { m: 'hello' } };
export const ITEM_BODY = { query: 'query Item($id: ID!) { item(id: $id) { id name count } }', variables: { id: 'bench-1' } };
export const BENCH_ITEM = { PK: 'ITEM#bench-1', SK: 'ITEM', id: 'bench-1', name: 'a benchmark item', count: 42 };
