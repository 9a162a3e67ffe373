// GraphQL execution for the local AppSync server: parse + validate (cached), then graphql-js `execute`
// with ONE field resolver that (1) enforces the @aws_* directives for the caller's mode, (2) applies
// AppSync's depth/resolver-count limits, (3) runs the field's APPSYNC_JS resolver from the API
// description through the runtime (resolveFieldEager with an invoke() routed to the data sources; a field
// whose steps all answer synchronously, as NONE steps do, settles without a promise), or reads
// the property of the parent object where the field has no resolver (AppSync's default behaviour).
import {
  defaultFieldResolver,
  execute as graphqlExecute,
  getOperationAST,
  Kind,
  print,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import path from 'node:path';
import type { ResolverDef } from '../../api/types.js';
import { buildContext } from '../runtime/context.js';
import { loadResolver } from '../runtime/load.js';
import { resolveField, resolveFieldEager, type FieldOutcome, type Invoke, type PipelineResolver, type UnitResolver } from '../runtime/pipeline.js';
import { AUTH_TYPES } from '../runtime/util/auth-type.js';
import type { SubscriptionInvalidation } from '../runtime/util/extensions.js';
import { notAuthorizedMessage, type AuthContext, type AuthRules } from './auth.js';
import { AppSyncFieldError, formatGraphQLError, type AppSyncErrorJson } from './errors.js';
import type { ServerLimits } from './limits.js';
import { unalias, type FragmentMap } from './unalias.js';
import { documentParser } from './documents.js';

export type { SubscriptionInvalidation } from '../runtime/util/extensions.js';

const AUTH_TYPE_NAMES: Record<string, string> = {
  API_KEY: AUTH_TYPES.apiKey,
  AWS_IAM: AUTH_TYPES.iam,
  AMAZON_COGNITO_USER_POOLS: AUTH_TYPES.userPool,
  OPENID_CONNECT: AUTH_TYPES.oidc,
  AWS_LAMBDA: AUTH_TYPES.lambda,
};

/** util.authType() for a request admitted in this mode. */
const authTypeOf = (mode: string): string => AUTH_TYPE_NAMES[mode] ?? AUTH_TYPES.apiKey;

/**
 * A root mutation field that completed without error (no error at its path): what the real-time layer
 * needs to trigger subscriptions and to apply the resolver's subscription invalidations.
 */
export interface MutationEvent {
  fieldName: string;
  /** the mutation's arguments (coerced) */
  arguments: Record<string, unknown>;
  /**
   * the field's value as AppSync publishes it: only the fields the mutation selected, keyed by field name
   * at every depth (the caller's aliases undone); null when the mutation returned null (nothing to publish)
   */
  data: unknown;
  /** extensions.invalidateSubscriptions({subscriptionField, payload}) calls of its resolver, in call order */
  invalidations: SubscriptionInvalidation[];
  /** the mutation's selection set, "a", "b/c" (AppSync's selectionSetList form) */
  selectionSetList: string[];
  auth: AuthContext;
}

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface ExecuteInput {
  body: GraphQLRequestBody;
  auth: AuthContext;
  /** request headers (lower-case names) for ctx.request.headers */
  headers: Record<string, string>;
  domainName?: string | null;
}

export interface GraphQLResponse {
  data?: unknown;
  errors?: AppSyncErrorJson[];
}

export interface ExecuteOutput {
  response: GraphQLResponse;
  mutations: MutationEvent[];
}

/** Running one field's resolver outside a GraphQL document (subscription start, tests). */
export interface RunFieldInput {
  typeName: string;
  fieldName: string;
  arguments?: Record<string, unknown>;
  auth: AuthContext;
  source?: unknown;
  headers?: Record<string, string>;
  selectionSetList?: string[];
  selectionSetGraphQL?: string;
  variables?: Record<string, unknown>;
}

export interface ExecutorOptions {
  schema: GraphQLSchema;
  resolvers: ResolverDef[];
  /** repo root: resolver files in the description are relative to it */
  repoRoot: string;
  invoke: Invoke;
  /** ctx.env */
  env: Record<string, string>;
  rules: AuthRules;
  limits: ServerLimits;
  /** parsed documents kept (LRU) */
  documentCacheSize?: number;
}

export interface Executor {
  execute(input: ExecuteInput): Promise<ExecuteOutput>;
  /** run one field's resolver directly (subscription resolvers on `start`) */
  runField(input: RunFieldInput): Promise<FieldOutcome | undefined>;
  /** load every resolver file of the description (bundled, checked, compiled); fails naming the file */
  load(): Promise<void>;
}

// ---------- selection sets (ctx.info) ----------

interface Selection {
  list: string[];
  graphql: string;
}

const selectionCache = new WeakMap<FieldNode, Selection>();

/** AppSync's selectionSetList: field names (not aliases), nested as "parent/child", fragments expanded. */
function selectionList(set: SelectionSetNode | undefined, fragments: GraphQLResolveInfo['fragments'], prefix = '', out: string[] = []): string[] {
  if (!set) return out;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      if (name.startsWith('__')) continue;
      const full = prefix + name;
      if (!out.includes(full)) out.push(full);
      selectionList(sel.selectionSet, fragments, `${full}/`, out);
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      selectionList(sel.selectionSet, fragments, prefix, out);
    } else {
      selectionList(fragments[sel.name.value]?.selectionSet, fragments, prefix, out);
    }
  }
  return out;
}

function selectionOf(info: GraphQLResolveInfo): Selection {
  const node = info.fieldNodes[0];
  let s = selectionCache.get(node);
  if (!s) {
    const set = mergedSelection(info.fieldNodes);
    s = {
      list: selectionList(set, info.fragments),
      graphql: set?.selections.length ? print(set) : '',
    };
    if (info.fieldNodes.length === 1) selectionCache.set(node, s);
  }
  return s;
}

/** The selection set of a field selected by one or several nodes (`a { x } a { y }`), merged as graphql-js merges them. */
function mergedSelection(nodes: readonly FieldNode[]): SelectionSetNode | undefined {
  if (nodes.length === 1) return nodes[0].selectionSet;
  return { kind: Kind.SELECTION_SET, selections: nodes.flatMap((n) => n.selectionSet?.selections ?? []) };
}

function pathOf(info: GraphQLResolveInfo): Array<string | number> {
  const out: Array<string | number> = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) out.push(p.key);
  return out.reverse();
}

function depthOf(info: GraphQLResolveInfo): number {
  let depth = 0;
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) if (typeof p.key === 'string') depth += 1;
  return depth;
}

// ---------- per-request state ----------

interface RequestState {
  auth: AuthContext;
  authType: string;
  headers: Record<string, string>;
  domainName: string | null;
  variables: Record<string, unknown>;
  resolverCount: number;
  /** errors added with util.appendError, which do not fail their field */
  extraErrors: AppSyncErrorJson[];
  mutations: PendingMutation[];
  deadline: number;
}

/** A root mutation field being resolved; its event is built once the whole operation has run. */
interface PendingMutation {
  fieldName: string;
  responseKey: string;
  args: Record<string, unknown>;
  selectionSetList: string[];
  /** the field's nodes and the document's fragments: to un-alias its value for subscribers */
  fieldNodes: readonly FieldNode[];
  fragments: FragmentMap;
  /** recorded by its resolver (extensions.invalidateSubscriptions) */
  invalidations: SubscriptionInvalidation[];
}

type Compiled = UnitResolver | PipelineResolver;

/** A resolved field's value for graphql-js; its extra errors go to the request, a fatal one is thrown. */
function fieldValue(outcome: FieldOutcome, state: RequestState, info: GraphQLResolveInfo, fieldPath: Array<string | number>, mutation?: PendingMutation): unknown {
  if (mutation) mutation.invalidations = outcome.extensions.invalidations;
  const errors = outcome.errors;
  // a field that ends with null and errors failed (util.error, or appended errors only): the last error
  // becomes the field's own error so a non-null field bubbles as on AppSync; the others are listed as well
  const fatal = outcome.data === null && errors.length ? errors[errors.length - 1] : undefined;
  if (errors.length > (fatal ? 1 : 0)) {
    const loc = info.fieldNodes[0].loc;
    const locations = loc ? [{ line: loc.startToken.line, column: loc.startToken.column, sourceName: null }] : null;
    for (const e of errors) {
      if (e === fatal) continue;
      state.extraErrors.push({ path: fieldPath, data: e.data ?? null, errorType: e.errorType, errorInfo: e.errorInfo ?? null, locations, message: e.message });
    }
  }
  if (fatal) throw new AppSyncFieldError(fatal.message, fatal.errorType, fatal.data, fatal.errorInfo);
  return outcome.data;
}

export function createExecutor(opts: ExecutorOptions): Executor {
  const { schema, rules, limits, invoke, env } = opts;
  const parseDocument = documentParser(schema, opts.documentCacheSize ?? 1000);
  const compiled = new Map<string, Compiled>();
  const mutationType = schema.getMutationType();

  // the resolver of each parent type's fields, looked up once (no "Type.field" string per field)
  let byType = new WeakMap<object, Map<string, Compiled | null>>();
  const resolverOf = (parentType: object & { name: string }, fieldName: string): Compiled | undefined => {
    let fields = byType.get(parentType);
    if (!fields) byType.set(parentType, (fields = new Map()));
    let r = fields.get(fieldName);
    if (r === undefined) fields.set(fieldName, (r = compiled.get(`${parentType.name}.${fieldName}`) ?? null));
    return r ?? undefined;
  };

  async function load(): Promise<void> {
    const cwd = opts.repoRoot;
    const abs = (f: string) => path.resolve(cwd, f);
    await Promise.all(
      opts.resolvers.map(async (def) => {
        const key = `${def.typeName}.${def.fieldName}`;
        const field = (schema.getType(def.typeName) as { getFields?: () => Record<string, unknown> } | undefined)?.getFields?.()[def.fieldName];
        if (!field) throw new Error(`resolver ${key} (${def.file}): the schema has no field ${key}`);
        if (def.kind === 'UNIT') {
          compiled.set(key, { kind: 'UNIT', code: await loadResolver(abs(def.file), { cwd }), dataSource: def.dataSource });
        } else {
          const [code, ...functions] = await Promise.all([
            loadResolver(abs(def.file), { cwd }),
            ...def.functions.map((f) => loadResolver(abs(f.file), { cwd })),
          ]);
          compiled.set(key, {
            kind: 'PIPELINE',
            code,
            functions: def.functions.map((f, i) => ({ name: f.file, code: functions[i], dataSource: f.dataSource })),
          });
        }
      }),
    );
    byType = new WeakMap(); // a reload replaces resolvers: look them up afresh
  }

  const fieldResolver: GraphQLFieldResolver<unknown, RequestState> = (source, args, state, info) => {
    const typeName = info.parentType.name;
    const fieldName = info.fieldName;
    if (!rules.allows(state.auth, typeName, fieldName)) {
      return new AppSyncFieldError(notAuthorizedMessage(typeName, fieldName), 'Unauthorized');
    }
    if (limits.queryDepthLimit && depthOf(info) > limits.queryDepthLimit) {
      return new AppSyncFieldError(`Query depth limit of ${limits.queryDepthLimit} exceeded`, 'QueryDepthLimitExceeded');
    }
    const resolver = resolverOf(info.parentType, fieldName);
    if (!resolver) return defaultFieldResolver(source, args, state, info);
    state.resolverCount += 1;
    if (state.resolverCount > limits.resolverCountLimit) {
      return new AppSyncFieldError(`Resolver count limit of ${limits.resolverCountLimit} exceeded`, 'ResolverCountLimitExceeded');
    }
    if (Date.now() > state.deadline) return new AppSyncFieldError('Execution timed out.', 'ExecutionTimeout');
    const selection = selectionOf(info);
    let mutation: PendingMutation | undefined;
    if (mutationType && info.parentType === mutationType) {
      mutation = {
        fieldName,
        responseKey: String(info.path.key),
        args,
        selectionSetList: selection.list,
        fieldNodes: info.fieldNodes,
        fragments: info.fragments,
        invalidations: [],
      };
      state.mutations.push(mutation);
    }
    return run(resolver, source, args, state, info, selection, mutation);
  };

  // Not async: a field whose resolver settles synchronously (NONE data sources) returns its value as it
  // is, so graphql-js completes it (and often the whole operation) without promises.
  function run(
    resolver: Compiled,
    source: unknown,
    args: Record<string, unknown>,
    state: RequestState,
    info: GraphQLResolveInfo,
    selection: Selection,
    mutation?: PendingMutation,
  ): unknown {
    const fieldPath = pathOf(info);
    const ctx = buildContext({
      arguments: args,
      identity: state.auth.identity,
      source: source ?? null,
      request: { headers: state.headers, domainName: state.domainName },
      info: {
        fieldName: info.fieldName,
        parentTypeName: info.parentType.name,
        variables: state.variables,
        selectionSetList: selection.list,
        selectionSetGraphQL: selection.graphql,
      },
      env,
    });
    const outcome = resolveFieldEager({ resolver, ctx, invoke, authType: state.authType, path: fieldPath });
    if (isPromise(outcome)) return outcome.then((o) => fieldValue(o, state, info, fieldPath, mutation));
    return fieldValue(outcome, state, info, fieldPath, mutation);
  }

  async function execute(input: ExecuteInput): Promise<ExecuteOutput> {
    const { body, auth } = input;
    if (typeof body.query !== 'string' || !body.query.trim()) {
      return { response: { errors: [requestError('GraphQL request: "query" must be a non-empty string')] }, mutations: [] };
    }
    const doc = parseDocument(body.query);
    if (doc.errors) return { response: { data: null, errors: doc.errors.map(formatGraphQLError) }, mutations: [] };
    const document = doc.document;

    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (operation?.operation === 'subscription') {
      return {
        response: { data: null, errors: [requestError('Subscriptions are served by the real-time endpoint (/graphql/realtime), not over HTTP', 'UnsupportedOperation')] },
        mutations: [],
      };
    }
    const variables = body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const state: RequestState = {
      auth,
      authType: authTypeOf(auth.mode),
      headers: input.headers,
      domainName: input.domainName ?? null,
      variables,
      resolverCount: 0,
      extraErrors: [],
      mutations: [],
      deadline: Date.now() + limits.executionTimeoutMs,
    };
    const executed = graphqlExecute({ schema, document, variableValues: variables, operationName, contextValue: state, fieldResolver });
    const result = isPromise(executed) ? await deadlines.race(executed, state.deadline) : executed;
    if (result === TIMED_OUT) {
      return { response: { data: null, errors: [requestError('Execution timed out.', 'ExecutionTimeout')] }, mutations: [] };
    }
    const errors = result.errors?.length || state.extraErrors.length ? [...(result.errors ?? []).map(formatGraphQLError), ...state.extraErrors] : [];
    const response: GraphQLResponse = { data: result.data ?? null };
    if (errors.length) response.errors = errors;

    const mutations: MutationEvent[] = [];
    const data = result.data as Record<string, unknown> | null | undefined;
    for (const m of state.mutations) {
      if (errors.some((e) => e.path?.[0] === m.responseKey)) continue; // failed: nothing published or invalidated
      const value = data?.[m.responseKey];
      if ((value === null || value === undefined) && !m.invalidations.length) continue;
      mutations.push({
        fieldName: m.fieldName,
        arguments: m.args,
        data: unalias(value, mergedSelection(m.fieldNodes), m.fragments),
        invalidations: m.invalidations,
        selectionSetList: m.selectionSetList,
        auth,
      });
    }
    return { response, mutations };
  }

  async function runField(input: RunFieldInput): Promise<FieldOutcome | undefined> {
    const resolver = compiled.get(`${input.typeName}.${input.fieldName}`);
    if (!resolver) return undefined;
    // buildContext supplies AppSync's defaults for whatever the caller left out
    const ctx = buildContext({
      arguments: input.arguments,
      identity: input.auth.identity,
      source: input.source,
      request: { headers: input.headers },
      info: {
        fieldName: input.fieldName,
        parentTypeName: input.typeName,
        variables: input.variables,
        selectionSetList: input.selectionSetList,
        selectionSetGraphQL: input.selectionSetGraphQL,
      },
      env,
    });
    return resolveField({ resolver, ctx, invoke, authType: authTypeOf(input.auth.mode), path: [input.fieldName] });
  }

  return { execute, runField, load };
}

const TIMED_OUT = Symbol('timed out');

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown })?.then === 'function';
}

/**
 * Request deadlines without one timer per request (a timer per request costs throughput): pending
 * executions are checked by one shared interval while any are in flight.
 */
const deadlines = (() => {
  const pending = new Set<{ deadline: number; expire: () => void }>();
  let interval: NodeJS.Timeout | undefined;
  const sweep = () => {
    const now = Date.now();
    for (const p of pending) if (p.deadline <= now) p.expire();
    if (!pending.size && interval) {
      clearInterval(interval);
      interval = undefined;
    }
  };
  return {
    race<T>(work: Promise<T>, deadline: number): Promise<T | typeof TIMED_OUT> {
      return new Promise((resolve, reject) => {
        const entry = {
          deadline,
          expire: () => {
            pending.delete(entry);
            resolve(TIMED_OUT);
          },
        };
        pending.add(entry);
        if (!interval) {
          interval = setInterval(sweep, Math.min(1000, Math.max(10, deadline - Date.now())));
          interval.unref();
        }
        work.then(
          (v) => {
            pending.delete(entry);
            resolve(v);
          },
          (e: unknown) => {
            pending.delete(entry);
            reject(e);
          },
        );
      });
    },
  };
})();

function requestError(message: string, errorType: string | null = null): AppSyncErrorJson {
  return { path: null, data: null, errorType, errorInfo: null, locations: null, message };
}
