// Resolving one field: UNIT resolvers (request -> data source -> response) and PIPELINE resolvers
// (before handler -> functions in order, each request -> data source -> response -> after handler),
// with AppSync's rules for ctx.prev.result, the shared stash, earlyReturn, util.error and appendError.
import type { AppSyncContext } from './context.js';
import { runHandler, type HandlerOutcome } from './evaluate.js';
import type { LoadedResolver } from './load.js';
import { newState, type AppSyncErrorShape, type EvalState } from './state.js';

export interface DataSourceError {
  message: string;
  type: string;
  data?: unknown;
  /** TransactWriteItems/TransactGetItems cancellations, as AppSync reports them */
  cancellationReasons?: unknown[];
}

export type InvokeResult = { result: unknown } | { error: DataSourceError };

/** Calls a data source with the request handler's output. Not called when a step has no data source. */
export type Invoke = (dataSource: string, request: unknown, ctx: AppSyncContext) => Promise<InvokeResult>;

/**
 * A data source name. Absent: no data source call, the request handler's result goes to the response handler
 * as it is (for tests and benchmarks of handler code). The API description's NONE data sources are not this:
 * the server reaches them through `invoke` (datasources/none.ts), which hands back the request's `payload` as
 * AppSync does.
 */
export type DataSourceRef = string | undefined;

export interface UnitResolver {
  kind: 'UNIT';
  code: LoadedResolver;
  dataSource?: DataSourceRef;
}

export interface PipelineFunction {
  name?: string;
  code: LoadedResolver;
  dataSource?: DataSourceRef;
}

export interface PipelineResolver {
  kind: 'PIPELINE';
  /** the resolver's own before (request) and after (response) handlers */
  code: LoadedResolver;
  functions: PipelineFunction[];
}

/** An error in a GraphQL response, as AppSync writes it. */
export interface FieldError {
  message: string;
  errorType: string | null;
  data: unknown;
  errorInfo: unknown;
  path?: (string | number)[];
  locations?: unknown[];
}

export interface FieldOutcome {
  data: unknown;
  errors: FieldError[];
  logs: string[];
  extensions: EvalState['extensions'];
  /** the stash at the end (tests and debugging) */
  stash: unknown;
}

export interface ResolveFieldInput {
  resolver: UnitResolver | PipelineResolver;
  ctx: AppSyncContext;
  invoke: Invoke;
  /** util.authType() for this request */
  authType?: string;
  /** the field's response path, copied into errors */
  path?: (string | number)[];
}


function fieldError(e: AppSyncErrorShape, path?: (string | number)[]): FieldError {
  return {
    message: e.message,
    errorType: e.errorType ?? null,
    data: e.data ?? null,
    errorInfo: e.errorInfo ?? null,
    ...(path ? { path } : {}),
  };
}

export async function resolveField(input: ResolveFieldInput): Promise<FieldOutcome> {
  const { resolver, invoke, path } = input;
  const state = newState({ authType: input.authType });
  const errors: FieldError[] = [];
  // One ctx for the whole field, copied once into a resolver realm (realm objects are safe to share
  // with the other resolvers' realms, so no handler copies it again). Everything put into it later is
  // adopted first: resolver code must never hold a host object. Its stash is shared by every handler.
  const realm = resolver.code.realm;
  const ctx = realm.adopt({ ...input.ctx }) as AppSyncContext;

  const run = (code: LoadedResolver, fn: 'request' | 'response'): HandlerOutcome => {
    const o = runHandler(code, fn, ctx, { state });
    for (const e of o.appendedErrors) errors.push(fieldError(e, path));
    return o;
  };
  const finish = (data: unknown, error?: AppSyncErrorShape): FieldOutcome => {
    if (error) errors.push(fieldError(error, path));
    return { data: error ? null : (data ?? null), errors, logs: state.logs, extensions: state.extensions, stash: ctx.stash };
  };

  // one request -> data source -> response step; `stop` means the field ends here (util.error)
  const step = async (code: LoadedResolver, ds: DataSourceRef): Promise<{ value?: unknown; error?: AppSyncErrorShape; early?: HandlerOutcome['earlyReturn'] }> => {
    delete ctx.result;
    delete ctx.error;
    const req = run(code, 'request');
    if (req.error) return { error: req.error };
    if (req.earlyReturn) return { value: req.earlyReturn.data, early: req.earlyReturn };
    const answer: InvokeResult = ds === undefined ? { result: req.result } : await invoke(ds, req.result, ctx);
    if ('error' in answer) {
      // AppSync hands data source errors to the response handler; they become field errors only if
      // the handler raises them (util.error / util.appendError). A cancelled transaction also reports its
      // reasons in ctx.result.cancellationReasons, as AWS documents for TransactWriteItems/TransactGetItems.
      const cancelled = answer.error.cancellationReasons;
      ctx.result = cancelled ? realm.adopt(answer.error.data ?? { keys: null, cancellationReasons: cancelled }) : null;
      ctx.error = realm.adopt(answer.error);
    } else {
      ctx.result = realm.adopt(answer.result);
      ctx.error = null;
    }
    const res = run(code, 'response');
    delete ctx.error;
    if (res.error) return { error: res.error };
    return { value: res.result };
  };

  if (resolver.kind === 'UNIT') {
    const r = await step(resolver.code, resolver.dataSource);
    return finish(r.value, r.error);
  }

  // PIPELINE
  delete ctx.result;
  const before = run(resolver.code, 'request');
  if (before.error) return finish(null, before.error);
  let prev: unknown = before.earlyReturn ? before.earlyReturn.data : before.result;
  // earlyReturn in the before handler skips every function (AppSync: "the pipeline execution is skipped")
  if (!before.earlyReturn) {
    for (const f of resolver.functions) {
      ctx.prev = realm.adopt({ result: prev });
      const r = await step(f.code, f.dataSource);
      if (r.error) return finish(null, r.error);
      prev = r.value;
      // skipTo END: skip the remaining functions, go to the resolver's response handler
      if (r.early && r.early.skipTo === 'END') break;
    }
  }
  ctx.prev = realm.adopt({ result: prev });
  ctx.result = prev;
  const after = run(resolver.code, 'response');
  if (after.error) return finish(null, after.error);
  return finish(after.earlyReturn ? after.earlyReturn.data : after.result);
}
