// Per-evaluation state shared by the evaluator and the `util`/`runtime`/`extensions` library.
// Resolver code is synchronous (APPSYNC_JS has no async), so one "current" state at a time is enough:
// the evaluator installs a fresh state around every handler call with `withState`.
import type { CacheEviction, SubscriptionInvalidation } from './util/extensions.js';
import type { SubscriptionFilter } from './util/subscription-filter.js';

export interface AppSyncErrorShape {
  message: string;
  errorType?: string;
  data?: unknown;
  errorInfo?: unknown;
  // where the error came from, when known (file:line), for logs only
  locations?: unknown[];
}

export interface EarlyReturn {
  data: unknown;
  /** 'END' (default) skips the rest of the resolver; 'NEXT' skips only the current function's handlers. */
  skipTo: 'END' | 'NEXT';
}

export interface EvalState {
  logs: string[];
  /** errors added with util.appendError: the field keeps its value, the response carries these */
  appendedErrors: AppSyncErrorShape[];
  /** set by runtime.earlyReturn; the evaluator stops the handler when it sees it */
  earlyReturn?: EarlyReturn;
  /** the auth type of the request as util.authType() returns it */
  authType?: string;
  extensions: {
    subscriptionFilter?: SubscriptionFilter;
    subscriptionInvalidationFilter?: SubscriptionFilter;
    invalidations: SubscriptionInvalidation[];
    cacheEvictions: CacheEviction[];
  };
}

export function newState(init: Partial<EvalState> = {}): EvalState {
  return {
    logs: [],
    appendedErrors: [],
    ...init,
    extensions: { invalidations: [], cacheEvictions: [], ...(init.extensions ?? {}) },
  };
}

let current: EvalState | undefined;

/** The state of the handler being evaluated now; throws when called outside an evaluation. */
export function state(): EvalState {
  if (!current) throw new Error('APPSYNC_JS util used outside of a resolver evaluation');
  return current;
}

export function withState<T>(s: EvalState, fn: () => T): T {
  const prev = current;
  current = s;
  try {
    return fn();
  } finally {
    current = prev;
  }
}

/** `fn(arg)` with `s` as the current state: withState without a closure per call (the hot path). */
export function callWithState<A, T>(s: EvalState, fn: (arg: A) => T, arg: A): T {
  const prev = current;
  current = s;
  try {
    return fn(arg);
  } finally {
    current = prev;
  }
}

/**
 * Thrown (host side) by util.error and runtime.earlyReturn to stop the handler at once, as AppSync does.
 * Resolver code cannot catch it: APPSYNC_JS forbids try/catch.
 */
export class HandlerAbort extends Error {
  constructor(
    readonly reason: 'error' | 'earlyReturn',
    readonly error?: AppSyncErrorShape,
  ) {
    super(error?.message ?? reason);
  }
}
