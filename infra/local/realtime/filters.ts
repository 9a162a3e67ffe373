// Which published events reach which subscription, as AppSync decides it:
// - basic (argument) filtering: every subscription argument the client set must equal the mutation
//   result's same-named top-level field;
// - enhanced filtering (extensions.setSubscriptionFilter): filterGroup entries are ORed, the filters of
//   one group are ANDed; when a resolver sets one, it replaces the argument filtering (the resolver
//   states the whole condition, as AWS's own samples do by copying ctx.args into the filter);
// - invalidation filters (extensions.setSubscriptionInvalidationFilter) are matched the same way against
//   the payload of extensions.invalidateSubscriptions.
import type { SubscriptionFilter, SubscriptionFilterEntry } from '../runtime/util/subscription-filter.js';

export type { SubscriptionFilter, SubscriptionFilterEntry };

/** A dotted field name ("author.id") read from the payload; missing parts read as undefined. */
export function readPath(payload: unknown, fieldName: string): unknown {
  let value: unknown = payload;
  for (const part of fieldName.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Scalars compare by value; an ID argument "7" equals an Int field 7, as AppSync compares them as JSON scalars. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if ((typeof a === 'number' && typeof b === 'string') || (typeof a === 'string' && typeof b === 'number')) {
    return String(a) === String(b);
  }
  return false;
}

function ordered(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function contains(field: unknown, value: unknown): boolean {
  if (typeof field === 'string') return typeof value === 'string' && field.includes(value);
  if (Array.isArray(field)) return field.some((item) => same(item, value));
  return false;
}

/** One filter against one payload value. Comparisons with a missing or mistyped field are false. */
export function matchesFilter(payload: unknown, filter: SubscriptionFilterEntry): boolean {
  const field = readPath(payload, filter.fieldName);
  const { value } = filter;
  const list = Array.isArray(value) ? value : [];
  switch (filter.operator) {
    case 'eq':
      return same(field, value);
    case 'ne':
      return !same(field, value);
    case 'lt': {
      const c = ordered(field, value);
      return c !== undefined && c < 0;
    }
    case 'le': {
      const c = ordered(field, value);
      return c !== undefined && c <= 0;
    }
    case 'gt': {
      const c = ordered(field, value);
      return c !== undefined && c > 0;
    }
    case 'ge': {
      const c = ordered(field, value);
      return c !== undefined && c >= 0;
    }
    case 'contains':
      return contains(field, value);
    case 'notContains':
      return (typeof field === 'string' || Array.isArray(field)) && !contains(field, value);
    case 'beginsWith':
      return typeof field === 'string' && typeof value === 'string' && field.startsWith(value);
    case 'in':
      return list.some((v) => same(field, v));
    case 'notIn':
      return !list.some((v) => same(field, v));
    case 'between': {
      const low = ordered(field, list[0]);
      const high = ordered(field, list[1]);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'containsAny':
      return list.some((v) => contains(field, v));
    default:
      return false; // validated at subscribe time; an unknown operator never matches
  }
}

/** OR of groups, AND within a group. An empty filterGroup list matches everything. */
export function matchesSubscriptionFilter(payload: unknown, filter: SubscriptionFilter): boolean {
  if (filter.filterGroup.length === 0) return true;
  return filter.filterGroup.some((group) => group.filters.every((f) => matchesFilter(payload, f)));
}

/** Basic filtering: each argument the client set (not null) must equal the payload's same-named field. */
export function matchesArguments(payload: unknown, args: Record<string, unknown>): boolean {
  for (const [name, value] of Object.entries(args)) {
    if (value === null || value === undefined) continue;
    if (payload === null || typeof payload !== 'object') return false;
    const field = (payload as Record<string, unknown>)[name];
    if (typeof value === 'object') {
      if (JSON.stringify(field) !== JSON.stringify(value)) return false;
    } else if (!same(field, value)) {
      return false;
    }
  }
  return true;
}

/** Whether a published mutation result reaches a subscription with these args and optional enhanced filter. */
export function shouldDeliver(payload: unknown, args: Record<string, unknown>, filter?: SubscriptionFilter): boolean {
  return filter ? matchesSubscriptionFilter(payload, filter) : matchesArguments(payload, args);
}
