// Running one handler: `runHandler` (structured outcome, for the server and pipelines) and
// `evaluateCode` (the offline `aws appsync evaluate-code`, same input and output shape as AWS).
import { CodeCheckError } from './check.js';
import { contextFromJson } from './context.js';
import { loadResolver, loadResolverCode, type LoadedResolver, type LoadOptions } from './load.js';
import { callWithState, HandlerAbort, newState, type AppSyncErrorShape, type EarlyReturn, type EvalState } from './state.js';
import { inferAuthType } from './util/index.js';

export type HandlerName = 'request' | 'response';

export interface HandlerOutcome {
  /** the handler's return value (or earlyReturn's data); realm objects, JSON-serialisable */
  result: unknown;
  /** util.error / util.unauthorized, or a runtime error in resolver code: the handler stopped */
  error?: AppSyncErrorShape;
  /** set when runtime.earlyReturn stopped the handler */
  earlyReturn?: EarlyReturn;
  appendedErrors: AppSyncErrorShape[];
  logs: string[];
  extensions: EvalState['extensions'];
  /** ctx.stash after the handler (same object the handler mutated) */
  stash: unknown;
}

export interface RunOptions {
  /** util.authType() for this request, e.g. "User Pool Authorization" */
  authType?: string;
  /** accumulate into an existing state (a pipeline shares logs/extensions across handlers) */
  state?: EvalState;
}

/** Errors in resolver code itself (TypeError, ...) become field errors of this type. */
export const RUNTIME_ERROR_TYPE = 'Code';

/**
 * Calls `loaded[fn](ctx)` with a fresh evaluation state. `ctx` is copied into the resolver's realm
 * (objects that already live in a resolver realm, like a stash from an earlier handler, are kept).
 */
export function runHandler(loaded: LoadedResolver, fn: HandlerName, ctx: object, opts: RunOptions = {}): HandlerOutcome {
  const s = opts.state ?? newState({ authType: opts.authType });
  if (opts.state && opts.authType) s.authType = opts.authType;
  const vmCtx = loaded.realm.adopt(ctx) as { stash?: unknown };
  const firstAppended = s.appendedErrors.length;
  const firstLog = s.logs.length;
  const call = callHandler(loaded, fn, vmCtx, s);
  const out = { result: call.result } as HandlerOutcome;
  if (call.error) out.error = call.error;
  if (call.earlyReturn) out.earlyReturn = call.earlyReturn;
  out.appendedErrors = s.appendedErrors.slice(firstAppended);
  out.logs = s.logs.slice(firstLog);
  out.extensions = s.extensions;
  out.stash = vmCtx.stash;
  return out;
}

/** How one handler call ended: runHandler's outcome without the logs and errors gathered in the state. */
export interface HandlerCall {
  result: unknown;
  error?: AppSyncErrorShape;
  earlyReturn?: EarlyReturn;
}

/**
 * Calls `loaded[fn](vmCtx)` with `s` as the evaluation state; logs and appended errors go into `s`.
 * `vmCtx` must already be a realm value (realm.adopt): nothing is copied here. resolveField uses this
 * for every handler of a field, on the one ctx it adopted for the field.
 */
export function callHandler(loaded: LoadedResolver, fn: HandlerName, vmCtx: unknown, s: EvalState): HandlerCall {
  const handler = loaded[fn];
  if (!handler) {
    return { result: undefined, error: { message: `${loaded.file}: the module does not export a ${fn} function`, errorType: RUNTIME_ERROR_TYPE } };
  }
  s.earlyReturn = undefined;
  try {
    return { result: callWithState(s, handler, vmCtx) };
  } catch (e) {
    if (e instanceof HandlerAbort) {
      // read through a function: TypeScript keeps the `= undefined` narrowing from above
      const er = takeEarlyReturn(s);
      if (e.reason === 'earlyReturn' && er) return { result: er.data, earlyReturn: er };
      return { result: undefined, error: e.error ?? { message: e.message } };
    }
    return { result: undefined, error: runtimeError(loaded, e) };
  }
}

function takeEarlyReturn(s: EvalState): EarlyReturn | undefined {
  const er = s.earlyReturn;
  s.earlyReturn = undefined;
  return er;
}

function runtimeError(loaded: LoadedResolver, e: unknown): AppSyncErrorShape {
  const err = e as { name?: unknown; message?: unknown };
  const text = typeof err?.message === 'string' ? `${String(err.name ?? 'Error')}: ${err.message}` : String(e);
  const where = loaded.locate(e);
  return {
    message: where ? `${where.file}:${where.line}:${where.column}: ${text}` : text,
    errorType: RUNTIME_ERROR_TYPE,
    ...(where ? { locations: [where] } : {}),
  };
}

// ----- evaluate-code -----

export interface EvaluateCodeInput {
  /** module text (JavaScript or TypeScript) */
  code?: string;
  /** or a resolver file to load instead of `code` */
  file?: string;
  /** the context JSON (string as the API takes it, or an object) */
  context: string | Record<string, unknown>;
  function?: HandlerName;
  /** name used in messages and logs (default "code.js") */
  fileName?: string;
  runtime?: { name: string; runtimeVersion: string };
  load?: LoadOptions;
}

export interface CodeError {
  errorType: string;
  value: string;
  location?: { line: number; column: number; span: number };
}

/** Exactly AWS's EvaluateCode response: JSON values travel as strings. */
export interface EvaluateCodeOutput {
  evaluationResult?: string;
  error?: { message: string; codeErrors?: CodeError[] };
  logs: string[];
  stash: string;
  outErrors: string;
}

/** Thrown for invalid input (AWS answers those with a BadRequestException, not an evaluation). */
export class EvaluateInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluateInputError';
  }
}

export function validateRuntime(runtime: { name: string; runtimeVersion: string } | undefined): void {
  if (!runtime) return;
  if (runtime.name !== 'APPSYNC_JS') throw new EvaluateInputError(`runtime name must be APPSYNC_JS, got "${runtime.name}"`);
  if (runtime.runtimeVersion !== '1.0.0') {
    throw new EvaluateInputError(`runtime version must be 1.0.0, got "${runtime.runtimeVersion}"`);
  }
}

function parseContext(context: EvaluateCodeInput['context']): Record<string, unknown> {
  let value: unknown = context;
  if (typeof context === 'string') {
    try {
      value = JSON.parse(context);
    } catch (e) {
      throw new EvaluateInputError(`context is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new EvaluateInputError('context must be a JSON object');
  }
  return value as Record<string, unknown>;
}

const outError = (e: AppSyncErrorShape) => ({
  message: e.message,
  errorType: e.errorType ?? null,
  data: e.data ?? null,
  errorInfo: e.errorInfo ?? null,
});

/**
 * The offline `aws appsync evaluate-code`: loads (bundles, checks, compiles) and runs one handler.
 * Give the module as `code` text, or as a `file` path (TypeScript files and relative imports work).
 */
export async function evaluateCode(input: EvaluateCodeInput): Promise<EvaluateCodeOutput> {
  validateRuntime(input.runtime);
  const fn = input.function ?? 'request';
  if (fn !== 'request' && fn !== 'response') throw new EvaluateInputError(`function must be "request" or "response", got "${String(fn)}"`);
  const context = contextFromJson(parseContext(input.context));

  let loaded: LoadedResolver;
  try {
    if (input.file !== undefined) loaded = await loadResolver(input.file, input.load);
    else if (typeof input.code === 'string') loaded = await loadResolverCode(input.code, input.fileName ?? 'code.js', input.load);
    else throw new EvaluateInputError('code is required');
  } catch (e) {
    if (!(e instanceof CodeCheckError)) throw e;
    return {
      error: {
        message: e.message,
        codeErrors: e.problems.map((p) => ({
          errorType: p.rule === 'syntax' ? 'PARSER_ERROR' : 'LINT_ERROR',
          value: `${p.rule}: ${p.message}`,
          location: { line: p.line, column: p.column, span: 0 },
        })),
      },
      logs: [],
      stash: JSON.stringify(context.stash),
      outErrors: '[]',
    };
  }
  return outputOf(runHandler(loaded, fn, context, { authType: inferAuthType(context.identity) }));
}

function outputOf(o: HandlerOutcome): EvaluateCodeOutput {
  const out: EvaluateCodeOutput = {
    logs: o.logs,
    stash: JSON.stringify(o.stash ?? {}),
    outErrors: JSON.stringify(o.appendedErrors.map(outError)),
  };
  if (o.error) out.error = { message: o.error.message };
  else out.evaluationResult = JSON.stringify(o.result ?? null);
  // key order as AWS prints it
  return { ...(out.evaluationResult !== undefined ? { evaluationResult: out.evaluationResult } : {}), ...(out.error ? { error: out.error } : {}), logs: out.logs, stash: out.stash, outErrors: out.outErrors };
}
