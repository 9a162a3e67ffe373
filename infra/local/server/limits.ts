// Request limits of the local AppSync server, set to AppSync's documented quotas so a query that works
// locally does not fail on AWS for being too big, too deep or too slow.
//
// Sources (AWS AppSync developer guide / API reference):
// - "Configuring GraphQL run complexity, query depth, and introspection" (configuration-limits.html) and
//   CreateGraphqlApi `queryDepthLimit`: 0 (default) means no limit; otherwise 1..75 nested levels; a field
//   beyond the limit fails and, if non-nullable, its error bubbles up to the first nullable parent.
// - CreateGraphqlApi `resolverCountLimit`: resolvers run in one request, 1..10,000, default 10,000.
// - AppSync quotas: request execution time for queries, mutations and subscriptions: 30 seconds.
// - Request body size: AppSync's quota page does not state a GraphQL request-size figure we could confirm;
//   1 MB is a local guard (generous for any query + variables this API accepts) — configurable.

export const QUERY_DEPTH_LIMIT_MAX = 75;
export const RESOLVER_COUNT_LIMIT_MAX = 10_000;

export interface ServerLimits {
  /** 0 = no limit (AppSync's default); else 1..75 */
  queryDepthLimit: number;
  /** 1..10,000 (AppSync's default is 10,000) */
  resolverCountLimit: number;
  /** whole-request deadline in milliseconds (AppSync: 30 s) */
  executionTimeoutMs: number;
  /** largest accepted HTTP body in bytes */
  maxRequestBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  queryDepthLimit: 0,
  resolverCountLimit: RESOLVER_COUNT_LIMIT_MAX,
  executionTimeoutMs: 30_000,
  maxRequestBytes: 1024 * 1024,
};

/** Merge overrides into the defaults, refusing values AppSync would refuse at API creation. */
export function resolveLimits(overrides: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  const { queryDepthLimit: depth, resolverCountLimit: count } = limits;
  if (!Number.isInteger(depth) || depth < 0 || depth > QUERY_DEPTH_LIMIT_MAX) {
    throw new Error(`limits.queryDepthLimit: must be 0 (no limit) or 1..${QUERY_DEPTH_LIMIT_MAX}, got ${depth}`);
  }
  if (!Number.isInteger(count) || count < 1 || count > RESOLVER_COUNT_LIMIT_MAX) {
    throw new Error(`limits.resolverCountLimit: must be 1..${RESOLVER_COUNT_LIMIT_MAX}, got ${count}`);
  }
  return limits;
}
