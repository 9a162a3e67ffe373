// Given/when/then steps for resolver unit tests: a thin layer over the local APPSYNC_JS runtime
// (infra/local/runtime), so a test reads as "given this caller, when the request handler runs with these
// arguments, then it fails with a ValidationError about the caption".
//
//   const outcome = await whenRequest('resolvers/Mutation.createPost/index.ts', {
//     args: { input: { uploadId: 'u1', caption: 'x'.repeat(281) } },
//     identity: givenIdentity.user('sub-1'),
//   });
//   thenError(outcome, 'ValidationError', /caption/);
//
// Handlers run exactly as the server runs them: the file is bundled, checked against the APPSYNC_JS
// restrictions and evaluated in the runtime's sandbox, with util/runtime/extensions from the runtime.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadResolver } from '../../infra/local/runtime/load.js';
import { runHandler } from '../../infra/local/runtime/evaluate.js';
import { resolveField, type FieldOutcome, type InvokeResult } from '../../infra/local/runtime/pipeline.js';
import { api } from '../../infra/api/index.js';
import { invokeNone } from '../../infra/local/datasources/none.js';
import type { ResolverDef } from '../../infra/api/types.js';
import {
  apiKeyIdentity,
  buildContext,
  type AppSyncContext,
  cognitoIdentity,
  iamIdentity,
  type CognitoIdentity,
  type IamIdentity,
  type Identity,
  type Info,
} from '../../infra/local/runtime/context.js';
// util.authType() is read from the identity's shape, by the same rule the offline evaluate-code uses
import { inferAuthType } from '../../infra/local/runtime/util/auth-type.js';

/** The repo root; resolver files are named relative to it, as in infra/api (e.g. resolvers/Query.feed.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------- given: identities, one per auth mode (the runtime's own builders, as the server uses them) ----------

export type { CognitoIdentity, IamIdentity, Identity, Info };

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_test';

function cognito(sub: string, username: string, groups: string[] | null): CognitoIdentity {
  const claims: Record<string, unknown> = { sub, 'cognito:username': username, token_use: 'id', iss: ISSUER };
  if (groups) claims['cognito:groups'] = groups;
  return cognitoIdentity(claims, { sourceIp: '203.0.113.7' });
}

export const givenIdentity = {
  /** A signed-in Cognito user; username defaults to `name-<sub>`. */
  user: (sub = 'user-1', opts: { username?: string; groups?: string[] } = {}): CognitoIdentity =>
    cognito(sub, opts.username ?? `name-${sub}`, opts.groups ?? null),
  /** A Cognito user in the `admins` group. */
  admin: (sub = 'admin-1', opts: { username?: string } = {}): CognitoIdentity =>
    cognito(sub, opts.username ?? `name-${sub}`, ['admins']),
  /** An anonymous caller with the API key (AppSync gives no identity: null). */
  apiKey: (): null => apiKeyIdentity(),
  /** A Lambda function calling with SigV4 (the notifier). */
  iam: (role = 'notifier'): IamIdentity =>
    iamIdentity({
      accountId: '123456789012',
      username: `AROAEXAMPLE:${role}`,
      userArn: `arn:aws:sts::123456789012:assumed-role/${role}/${role}`,
      sourceIp: '10.0.0.1',
    }),
};

// ---------- when: run one handler ----------

export interface DataSourceError {
  message: string;
  type: string;
  data?: unknown;
  cancellationReasons?: Array<{ type?: string; Code?: string; message?: string; Message?: string } | null>;
}

export interface Call {
  args?: Record<string, unknown>;
  /** defaults to givenIdentity.user('user-1'); pass givenIdentity.apiKey() (null) for anonymous */
  identity?: Identity;
  source?: unknown;
  stash?: Record<string, unknown>;
  /** ctx.prev.result (pipeline functions and the after handler) */
  prev?: unknown;
  /** ctx.result (response handlers) */
  result?: unknown;
  /** ctx.error (a data source error reaching the response handler) */
  error?: DataSourceError | null;
  /** ctx.env; defaults: TEST_ENV */
  env?: Record<string, string>;
  headers?: Record<string, string>;
  /** overrides of ctx.info; typeName/fieldName default from the file name */
  info?: Partial<Info>;
}

export interface ErrorOutcome {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
}

/** What one handler evaluation produced. */
export interface Outcome {
  /** the handler's return value (the request object, or the field value for a response handler) */
  result?: unknown;
  /** set when the handler stopped with util.error / util.unauthorized */
  error?: ErrorOutcome;
  earlyReturn?: { data: unknown; skipTo: 'END' | 'NEXT' };
  appendedErrors: ErrorOutcome[];
  logs: string[];
  extensions: { subscriptionFilter?: unknown; subscriptionInvalidationFilter?: unknown; [k: string]: unknown };
  stash: Record<string, unknown>;
}

export const TEST_ENV = { MEDIA_BASE_URL: 'https://media.example.test', TABLE_NAME: 'test-table' };

/** Parent type and field from a resolver file name: resolvers/Query.feed.ts, resolvers/Mutation.likePost/2.save.ts. */
export function bindingOf(file: string): { parentTypeName: string; fieldName: string } {
  const rel = path.relative(path.join(repoRoot, 'resolvers'), path.resolve(repoRoot, file));
  const first = rel.split(path.sep)[0].replace(/\.(ts|js)$/, '');
  const [parentTypeName, fieldName] = first.split('.');
  return { parentTypeName: parentTypeName ?? '', fieldName: fieldName ?? '' };
}

/** The ctx AppSync passes to a handler, built from a Call (also useful to tests that drive pipelines). */
export function contextFor(file: string, call: Call = {}, fn: 'request' | 'response' = 'request'): Record<string, unknown> {
  const ctx = buildContext({
    arguments: call.args ?? {},
    identity: call.identity === undefined ? givenIdentity.user() : call.identity,
    source: call.source ?? null,
    stash: call.stash ?? {},
    request: { headers: call.headers ?? {} },
    info: { ...bindingOf(file), ...call.info },
    env: { ...TEST_ENV, ...call.env },
    // AppSync sets prev in pipeline functions and the after handler, result/error in response handlers
    ...('prev' in call ? { prev: { result: call.prev } } : {}),
    ...(fn === 'response' || 'result' in call ? { result: call.result ?? null } : {}),
    ...(fn === 'response' || 'error' in call ? { error: call.error ?? null } : {}),
  });
  return ctx as unknown as Record<string, unknown>;
}

function plain<T>(value: T): any {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

async function run(file: string, fn: 'request' | 'response', call: Call): Promise<Outcome> {
  const loaded = await loadResolver(path.resolve(repoRoot, file));
  const ctx = contextFor(file, call, fn);
  const outcome = runHandler(loaded, fn, ctx, { authType: inferAuthType(ctx.identity) });
  // Plain host-realm JSON copies (what AppSync serialises anyway), so deep equality in tests is exact.
  return {
    result: plain(outcome.result),
    error: plain(outcome.error),
    earlyReturn: plain(outcome.earlyReturn),
    appendedErrors: plain(outcome.appendedErrors) ?? [],
    logs: [...outcome.logs],
    extensions: plain(outcome.extensions) ?? {},
    stash: plain(outcome.stash) ?? {},
  } as Outcome;
}

/** Runs the file's request handler. */
export function whenRequest(file: string, call: Call = {}): Promise<Outcome> {
  return run(file, 'request', call);
}

/** Runs the file's response handler (pass `result` and/or `error` as the data source returned them). */
export function whenResponse(file: string, call: Call = {}): Promise<Outcome> {
  return run(file, 'response', call);
}

/**
 * ctx.error + ctx.result of a TransactWriteItems that DynamoDB cancelled, as AppSync hands them to the
 * response handler: one reason per transact item, in request order ('None' where that item was fine).
 *   whenResponse(file, { ...givenCancelledTransaction('ConditionalCheckFailed', 'None') })
 */
export function givenCancelledTransaction(...codes: string[]): { error: DataSourceError; result: { keys: null; cancellationReasons: unknown[] } } {
  const reasons = codes.map((type) => ({
    type,
    message: type === 'None' ? null : type === 'ConditionalCheckFailed' ? 'The conditional request failed' : type,
  }));
  return {
    error: {
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
      type: 'DynamoDB:TransactionCanceledException',
    },
    result: { keys: null, cancellationReasons: reasons },
  };
}

/** ctx.error of a single-item write whose condition failed. */
export function givenConditionFailed(): { error: DataSourceError; result: null } {
  return {
    error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' },
    result: null,
  };
}

// ---------- when: run a whole field (unit or pipeline) with scripted data source answers ----------

/** One data source answer: `{ result }` or `{ error }` (use givenCancelledTransaction() for the latter). */
export type Answer = InvokeResult | { error: DataSourceError; result?: unknown };

export interface FieldCall extends Omit<Call, 'result' | 'error' | 'prev'> {
  /**
   * The data source's answers, in call order (NONE data sources answer themselves, as on the server), or a function of the
   * request. A call with no answer left fails the test.
   */
  answers?: Answer[] | ((request: any, dataSource: string, index: number) => Answer);
}

export interface FieldRun extends FieldOutcome {
  /** the requests sent to data sources, in order, with the data source name */
  requests: Array<{ dataSource: string; request: any }>;
}

/** Resolves one field as the server will: its binding (from infra/api), pipeline steps, stash and all. */
export async function whenField(def: ResolverDef, call: FieldCall = {}): Promise<FieldRun> {
  const load = (file: string) => loadResolver(path.resolve(repoRoot, file));
  const resolver =
    def.kind === 'UNIT'
      ? { kind: 'UNIT' as const, code: await load(def.file), dataSource: def.dataSource }
      : {
          kind: 'PIPELINE' as const,
          code: await load(def.file),
          functions: await Promise.all(
            def.functions.map(async (f) => ({ name: f.file, code: await load(f.file), dataSource: f.dataSource })),
          ),
        };
  const requests: FieldRun['requests'] = [];
  // the binding comes from the description, not from the file name (pipeline functions live in a folder)
  const ctx = contextFor(def.file, { ...call, info: { parentTypeName: def.typeName, fieldName: def.fieldName, ...call.info } }) as unknown as AppSyncContext;
  const outcome = await resolveField({
    resolver,
    ctx,
    authType: inferAuthType(ctx.identity),
    invoke: async (dataSource, request) => {
      // a NONE data source hands the request's payload back, exactly as the server's does
      if (api.dataSources[dataSource]?.kind === 'NONE') return invokeNone(request);
      const req = plain(request);
      const index = requests.length;
      requests.push({ dataSource, request: req });
      const answers = call.answers ?? [];
      const answer = typeof answers === 'function' ? answers(req, dataSource, index) : answers[index];
      if (!answer) throw new Error(`whenField: no scripted answer for data source call #${index + 1} (${dataSource}): ${JSON.stringify(req)}`);
      // AppSync hands a cancelled transaction's reasons to the response handler; the runtime reads them
      // from the error, so pass them there too
      const reasons = 'error' in answer ? (answer as { result?: any }).result?.cancellationReasons : undefined;
      if ('error' in answer && reasons) return { error: { ...answer.error, cancellationReasons: reasons } };
      return answer as InvokeResult;
    },
  });
  return { ...outcome, data: plain(outcome.data), errors: plain(outcome.errors), stash: plain(outcome.stash), requests };
}

/** Asserts the field failed with this errorType (message matching); returns the error. */
export function thenFieldError(run: FieldOutcome, errorType: string, message?: RegExp | string) {
  expect(run.errors.length, `expected a ${errorType} error, got data ${JSON.stringify(run.data)}`).toBeGreaterThan(0);
  const error = run.errors[0];
  expect(error.errorType).toBe(errorType);
  if (message !== undefined) {
    if (typeof message === 'string') expect(error.message).toContain(message);
    else expect(error.message).toMatch(message);
  }
  return error;
}

/** Asserts the field resolved without errors; returns its value. */
export function thenData<T = any>(run: FieldOutcome): T {
  expect(run.errors, `unexpected errors: ${JSON.stringify(run.errors)}`).toEqual([]);
  return run.data as T;
}

// ---------- then ----------

/** Asserts the handler stopped with this errorType (and a message matching `message`); returns the error. */
export function thenError(outcome: Outcome, errorType: string, message?: RegExp | string): ErrorOutcome {
  expect(outcome.error, `expected a ${errorType} error, got result ${JSON.stringify(outcome.result)}`).toBeDefined();
  const error = outcome.error as ErrorOutcome;
  expect(error.errorType).toBe(errorType);
  if (message !== undefined) {
    if (typeof message === 'string') expect(error.message).toContain(message);
    else expect(error.message).toMatch(message);
  }
  return error;
}

/** Asserts the caller was refused (util.unauthorized() or an Unauthorized util.error). */
export function thenUnauthorized(outcome: Outcome): ErrorOutcome {
  return thenError(outcome, 'Unauthorized');
}

/** Asserts the handler finished without error (and without early return); returns its value. */
export function thenResult<T = any>(outcome: Outcome): T {
  expect(outcome.error, `unexpected error: ${JSON.stringify(outcome.error)}`).toBeUndefined();
  return outcome.result as T;
}

/** Asserts the handler returned early (runtime.earlyReturn); returns the data it returned. */
export function thenEarlyReturn<T = any>(outcome: Outcome, skipTo: 'END' | 'NEXT' = 'END'): T {
  expect(outcome.error, `unexpected error: ${JSON.stringify(outcome.error)}`).toBeUndefined();
  expect(outcome.earlyReturn, 'expected runtime.earlyReturn').toBeDefined();
  expect(outcome.earlyReturn?.skipTo).toBe(skipTo);
  return outcome.earlyReturn?.data as T;
}
