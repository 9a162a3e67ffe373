// The data sources of an API description, wired to local services: one `invoke(name, request, ctx)` that
// the runtime's resolveField calls for every non-NONE step.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ApiDescription, EnvRef } from '../../api/types.js';
import type { AppSyncContext } from '../runtime/context.js';
import type { Invoke, InvokeResult } from '../runtime/pipeline.js';
import { createDynamoDBDataSource } from './dynamodb.js';
import { createLambdaDataSource } from './lambda.js';
import { invokeNone } from './none.js';

export { createDynamoDBDataSource, fromItem } from './dynamodb.js';
export { createLambdaDataSource, directEvent } from './lambda.js';
export { invokeNone } from './none.js';

/** Where the description's resources live locally, to resolve EnvRefs and table names. */
export interface LocalResources {
  /** logical table name → physical table name */
  tables: Record<string, string>;
  /** logical bucket name → bucket name */
  buckets?: Record<string, string>;
  /** logical bucket name → public base URL of its objects (CloudFront on AWS, s3rver path URL locally) */
  bucketUrls?: Record<string, string>;
  /** the GraphQL endpoint URL (functions that call the API back) */
  graphqlUrl?: string;
}

/** Resolve EnvRefs (api.env, a function's env) to local values. A ref to an unknown resource is an error. */
export function resolveEnvRefs(refs: Record<string, EnvRef> | undefined, res: LocalResources): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, ref] of Object.entries(refs ?? {})) {
    const value =
      'value' in ref ? ref.value
      : 'table' in ref ? res.tables[ref.table]
      : 'bucket' in ref ? res.buckets?.[ref.bucket]
      : 'bucketCdnUrl' in ref ? res.bucketUrls?.[ref.bucketCdnUrl]
      : 'graphqlUrl' in ref ? res.graphqlUrl
      : undefined;
    if (value === undefined) throw new Error(`env ${name}: cannot resolve ${JSON.stringify(ref)} locally (missing resource)`);
    out[name] = value;
  }
  return out;
}

export interface DataSourcesOptions {
  api: Pick<ApiDescription, 'dataSources' | 'functions'>;
  /** needed when the API has DYNAMODB data sources */
  dynamodb?: DynamoDBClient;
  resources: LocalResources;
  repoRoot: string;
  /** extra environment for in-process Lambda handlers (endpoints, credentials) on top of their own env refs */
  lambdaEnv?: Record<string, string>;
  /** injected Lambda handlers by function name (tests) */
  lambdaHandlers?: Record<string, (event: unknown, context: unknown) => unknown>;
  onAsyncError?: (err: unknown) => void;
}

/** Build the `invoke` callback for resolveField from the description's data sources. */
export function createDataSources(opts: DataSourcesOptions): Invoke {
  const routes = new Map<string, (request: unknown, ctx: AppSyncContext) => Promise<InvokeResult> | InvokeResult>();
  for (const [name, def] of Object.entries(opts.api.dataSources)) {
    if (def.kind === 'NONE') {
      routes.set(name, invokeNone);
    } else if (def.kind === 'DYNAMODB') {
      if (!opts.dynamodb) throw new Error(`data source ${name}: a DynamoDB client is required`);
      const tableName = opts.resources.tables[def.table];
      if (!tableName) throw new Error(`data source ${name}: table "${def.table}" has no local table`);
      const ds = createDynamoDBDataSource({ client: opts.dynamodb, tableName, tableNames: opts.resources.tables });
      routes.set(name, (request) => ds(request));
    } else {
      const fn = opts.api.functions[def.function];
      if (!fn) throw new Error(`data source ${name}: function "${def.function}" is not in the API description`);
      routes.set(
        name,
        createLambdaDataSource({
          name: def.function,
          def: fn,
          repoRoot: opts.repoRoot,
          env: { ...opts.lambdaEnv, ...resolveEnvRefs(fn.env, opts.resources) },
          handler: opts.lambdaHandlers?.[def.function],
          onAsyncError: opts.onAsyncError,
        }),
      );
    }
  }
  // Not async: a NONE step answers synchronously (its payload back), so the field needs no promise tick.
  return (dataSource, request, ctx) => {
    const route = routes.get(dataSource);
    if (!route) return { error: { message: `data source "${dataSource}" is not defined in the API description`, type: 'DataSourceNotFound' } };
    return route(request, ctx);
  };
}
