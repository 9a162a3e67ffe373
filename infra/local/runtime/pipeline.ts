// Resolving one field: UNIT resolvers (request -> data source -> response) and PIPELINE resolvers
// (before handler -> functions in order, each request -> data source -> response -> after handler),
// with AppSync's rules for ctx.prev.result, the shared stash, earlyReturn, util.error and appendError.
// A field settles synchronously when every data source answers synchronously (NONE, no data source):
// graphql-js then completes the field without a promise. Only a step whose data source call returns a
// promise continues asynchronously.
import type { AppSyncContext } from './context.js';
import { callHandler } from './evaluate.js';
import type { LoadedResolver, Realm } from './load.js';
import { newState, type AppSyncErrorShape, type EarlyReturn, type EvalState } from './state.js';

export interface DataSourceError {
  message: string;
  type: string;
  data?: unknown;
  /** TransactWriteItems/TransactGetItems cancellations, as AppSync reports them */
  cancellationReasons?: unknown[];
}

export type InvokeResult = { result: unknown } | { error: DataSourceError };

/**
 * Calls a data source with the request handler's output. Not called when a step has no data source.
 * May answer synchronously (the NONE data source does): the step then goes on without a promise tick.
 */
export type Invoke = (dataSource: string, request: unknown, ctx: AppSyncContext) => Promise<InvokeResult> | InvokeResult;

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

/** One field being resolved: what its steps share. Steps are module functions, not closures per field. */
interface FieldRun {
  invoke: Invoke;
  path?: (string | number)[];
  state: EvalState;
  realm: Realm;
  ctx: AppSyncContext;
}

/** How one request -> data source -> response step ended; `error` means the field ends here (util.error). */
interface StepEnd {
  value?: unknown;
  error?: AppSyncErrorShape;
  early?: EarlyReturn;
}

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(v: MaybePromise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

/**
 * Resolves one field; answers synchronously unless a data source call is asynchronous (the server's
 * field resolver uses this so a NONE field costs graphql-js no promise). Same outcome as resolveField.
 */
export function resolveFieldEager(input: ResolveFieldInput): MaybePromise<FieldOutcome> {
  const { resolver } = input;
  // One ctx for the whole field, copied once into a resolver realm (realm objects are safe to share
  // with the other resolvers' realms, so no handler copies it again). Everything put into it later is
  // adopted first: resolver code must never hold a host object. Its stash is shared by every handler.
  const realm = resolver.code.realm;
  const run: FieldRun = {
    invoke: input.invoke,
    path: input.path,
    state: newState({ authType: input.authType }),
    realm,
    ctx: realm.adopt({ ...input.ctx }) as AppSyncContext,
  };

  if (resolver.kind === 'UNIT') {
    const r = startStep(run, resolver.code, resolver.dataSource);
    return isPromise(r) ? r.then((end) => finish(run, end.value, end.error)) : finish(run, r.value, r.error);
  }

  // PIPELINE
  delete run.ctx.result;
  const before = callHandler(resolver.code, 'request', run.ctx, run.state);
  if (before.error) return finish(run, null, before.error);
  // earlyReturn in the before handler skips every function (AppSync: "the pipeline execution is skipped")
  if (before.earlyReturn) return after(run, resolver, before.earlyReturn.data);
  return functionsFrom(run, resolver, 0, before.result);
}

export async function resolveField(input: ResolveFieldInput): Promise<FieldOutcome> {
  return resolveFieldEager(input);
}

function finish(run: FieldRun, data: unknown, error?: AppSyncErrorShape): FieldOutcome {
  // every handler's util.appendError calls, in order, then the error that ended the field
  const errors = run.state.appendedErrors.map((e) => fieldError(e, run.path));
  if (error) errors.push(fieldError(error, run.path));
  return { data: error ? null : (data ?? null), errors, logs: run.state.logs, extensions: run.state.extensions, stash: run.ctx.stash };
}

// one request -> data source -> response step
function startStep(run: FieldRun, code: LoadedResolver, ds: DataSourceRef): MaybePromise<StepEnd> {
  const ctx = run.ctx;
  delete ctx.result;
  delete ctx.error;
  const req = callHandler(code, 'request', ctx, run.state);
  if (req.error) return { error: req.error };
  if (req.earlyReturn) return { value: req.earlyReturn.data, early: req.earlyReturn };
  if (ds === undefined) return endStep(run, code, { result: req.result });
  const answer = run.invoke(ds, req.result, ctx);
  return isPromise(answer) ? answer.then((a) => endStep(run, code, a)) : endStep(run, code, answer);
}

function endStep(run: FieldRun, code: LoadedResolver, answer: InvokeResult): StepEnd {
  const { ctx, realm } = run;
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
  const res = callHandler(code, 'response', ctx, run.state);
  delete ctx.error;
  if (res.error) return { error: res.error };
  return { value: res.result };
}

// the pipeline's functions from index `from` on, then the resolver's after handler
function functionsFrom(run: FieldRun, resolver: PipelineResolver, from: number, prev: unknown): MaybePromise<FieldOutcome> {
  if (from >= resolver.functions.length) return after(run, resolver, prev);
  const f = resolver.functions[from];
  run.ctx.prev = run.realm.adopt({ result: prev });
  const r = startStep(run, f.code, f.dataSource);
  return isPromise(r) ? r.then((end) => functionDone(run, resolver, from, end)) : functionDone(run, resolver, from, r);
}

function functionDone(run: FieldRun, resolver: PipelineResolver, at: number, end: StepEnd): MaybePromise<FieldOutcome> {
  if (end.error) return finish(run, null, end.error);
  // skipTo END: skip the remaining functions, go to the resolver's response handler
  if (end.early && end.early.skipTo === 'END') return after(run, resolver, end.value);
  return functionsFrom(run, resolver, at + 1, end.value);
}

function after(run: FieldRun, resolver: PipelineResolver, prev: unknown): FieldOutcome {
  const ctx = run.ctx;
  ctx.prev = run.realm.adopt({ result: prev });
  ctx.result = prev;
  const a = callHandler(resolver.code, 'response', ctx, run.state);
  if (a.error) return finish(run, null, a.error);
  return finish(run, a.earlyReturn ? a.earlyReturn.data : a.result);
}
