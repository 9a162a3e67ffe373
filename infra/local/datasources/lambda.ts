// The LAMBDA data source, run in process: functions/<dir>/handler.ts's `handler` is imported once and
// called with the event AppSync would send. Request objects (APPSYNC_JS Lambda reference):
//   { operation: 'Invoke' | 'BatchInvoke', payload?, invocationType?: 'RequestResponse' | 'Event' }
// No payload → the direct Lambda resolver event (arguments, identity, source, request, info, prev, stash).
// A thrown error reaches the response handler as ctx.error { message, type: 'Lambda:Unhandled' }.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionDef } from '../../api/types.js';
import type { AppSyncContext } from '../runtime/context.js';
import type { InvokeResult } from '../runtime/pipeline.js';

type Handler = (event: unknown, context: unknown) => unknown;

export interface LambdaDataSourceOptions {
  /** the function's name in the API description (api.functions key) */
  name: string;
  def: FunctionDef;
  /** repo root: handlers live at <root>/functions/<dir>/handler.ts */
  repoRoot: string;
  /** resolved environment variables set in process.env before each call (all handlers share one process) */
  env?: Record<string, string>;
  /** injected handler (tests); default: import the file */
  handler?: Handler;
  /** called with errors of async (`Event`) invocations, which nobody awaits */
  onAsyncError?: (err: unknown) => void;
  /** BatchInvoke: most payloads per invocation (AppSync's resolver maxBatchSize); default 10 */
  maxBatchSize?: number;
}

export type LambdaInvoke = (request: unknown, ctx: AppSyncContext) => Promise<InvokeResult>;

function lambdaContext(name: string, def: FunctionDef, deadline: number) {
  return {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    memoryLimitInMB: String(def.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** The event of a direct Lambda resolver (no payload given): the parts of ctx AppSync forwards. */
export function directEvent(ctx: AppSyncContext): Record<string, unknown> {
  return {
    arguments: ctx.arguments,
    identity: ctx.identity ?? null,
    source: ctx.source ?? null,
    request: ctx.request,
    info: ctx.info,
    prev: ctx.prev ?? null,
    stash: ctx.stash,
  };
}

export function createLambdaDataSource(opts: LambdaDataSourceOptions): LambdaInvoke {
  let loaded: Promise<Handler> | undefined;
  const load = (): Promise<Handler> => {
    if (opts.handler) return Promise.resolve(opts.handler);
    loaded ??= (async () => {
      const file = path.join(opts.repoRoot, 'functions', opts.def.dir, 'handler.ts');
      const mod = (await import(pathToFileURL(file).href)) as { handler?: Handler };
      if (typeof mod.handler !== 'function') throw new Error(`${file}: does not export a handler function`);
      return mod.handler;
    })();
    loaded.catch(() => (loaded = undefined));
    return loaded;
  };

  const call = async (event: unknown): Promise<unknown> => {
    // as on Lambda, the environment is in place before the module's init code runs (loggers read it there)
    if (opts.env) Object.assign(process.env, opts.env);
    const handler = await load();
    const timeoutMs = opts.def.timeoutSeconds * 1000;
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Task timed out after ${opts.def.timeoutSeconds.toFixed(2)} seconds`)), timeoutMs);
    });
    try {
      return await Promise.race([Promise.resolve(handler(event, lambdaContext(opts.name, opts.def, deadline))), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  // BatchInvoke: AppSync gathers the calls of one field across a list (the N+1 case) into one invocation
  // whose event is the array of payloads; the function answers with one entry per payload, each a value
  // or { data?, errorMessage, errorType? } for a per-item error. Calls made in the same event-loop turn
  // are batched, up to maxBatchSize.
  let batch: Array<{ event: unknown; resolve: (r: InvokeResult) => void }> = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    if (!items.length) return; // a full batch already went out before the scheduled flush
    const fail = (message: string) => items.forEach((i) => i.resolve({ error: { message, type: 'Lambda:Unhandled' } }));
    let answer: unknown;
    try {
      answer = await call(items.map((i) => i.event));
    } catch (err) {
      return fail(err instanceof Error ? err.message : String(err));
    }
    if (!Array.isArray(answer) || answer.length !== items.length) {
      return fail(`BatchInvoke: the function must return an array of ${items.length} entries, one per payload`);
    }
    items.forEach((item, n) => {
      const entry = answer[n] as { data?: unknown; errorMessage?: unknown; errorType?: unknown } | null;
      if (entry && typeof entry === 'object' && typeof entry.errorMessage === 'string') {
        item.resolve({ error: { message: entry.errorMessage, type: typeof entry.errorType === 'string' ? entry.errorType : 'Lambda:Unhandled', data: entry.data ?? null } });
      } else {
        item.resolve({ result: entry === undefined ? null : JSON.parse(JSON.stringify(entry)) });
      }
    });
  };
  const maxBatchSize = opts.maxBatchSize ?? 10;
  const enqueue = (event: unknown) =>
    new Promise<InvokeResult>((resolve) => {
      batch.push({ event, resolve });
      if (batch.length === 1) setImmediate(() => void flush());
      else if (batch.length >= maxBatchSize) void flush();
    });

  return async (request, ctx) => {
    const req = (request ?? {}) as { operation?: unknown; payload?: unknown; invocationType?: unknown };
    if (req.operation !== 'Invoke' && req.operation !== 'BatchInvoke') {
      return { error: { message: `Lambda request: operation must be Invoke or BatchInvoke, got ${JSON.stringify(req.operation)}`, type: 'Lambda:Request' } };
    }
    const event = req.payload === undefined ? directEvent(ctx) : req.payload;
    if (req.operation === 'BatchInvoke') return enqueue(event);
    if (req.invocationType === 'Event') {
      // asynchronous invocation: AppSync does not wait and the response handler gets a null result
      call(event).catch((err) => opts.onAsyncError?.(err));
      return { result: null };
    }
    try {
      const result = await call(event);
      return { result: result === undefined ? null : JSON.parse(JSON.stringify(result)) };
    } catch (err) {
      return { error: { message: err instanceof Error ? err.message : String(err), type: 'Lambda:Unhandled' } };
    }
  };
}
