// `extensions` from '@aws-appsync/utils': enhanced subscription filters, subscription invalidation and
// API cache eviction. Calls are validated as AWS documents them and recorded into state().extensions;
// the engine applies them (filters at subscribe time, invalidations/evictions after the mutation).
import { state } from '../state.js';
import { describe, isPlainObject } from './guards.js';
import type { SubscriptionFilter } from './subscription-filter.js';

const OPERATORS = new Set([
  'eq', 'ne', 'le', 'lt', 'ge', 'gt', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny',
]);
// AppSync enhanced filtering limits (developer guide, "Enhanced subscription filters").
const MAX_GROUPS = 10;
const MAX_FILTERS_PER_GROUP = 5;
const MAX_IN_VALUES = 5;
const MAX_CONTAINS_ANY_VALUES = 20;
const MAX_FIELD_DEPTH = 5;
const MAX_FIELD_LENGTH = 256;

function isScalar(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null;
}

/** Throws an Error naming the offending group/filter; returns a JSON copy that the caller cannot mutate. */
export function validateSubscriptionFilter(fn: string, filter: unknown): SubscriptionFilter {
  if (!isPlainObject(filter) || !Array.isArray(filter.filterGroup)) {
    throw new TypeError(`${fn}: expected {filterGroup: [...]}, got ${describe(filter)} (build it with util.transform.toSubscriptionFilter)`);
  }
  const groups = filter.filterGroup;
  if (groups.length > MAX_GROUPS) throw new Error(`${fn}: at most ${MAX_GROUPS} filter groups, got ${groups.length}`);
  groups.forEach((g: unknown, gi: number) => {
    const at = `filterGroup[${gi}]`;
    if (!isPlainObject(g) || !Array.isArray(g.filters)) throw new TypeError(`${fn}: ${at} must be {filters: [...]}`);
    if (g.filters.length > MAX_FILTERS_PER_GROUP) {
      throw new Error(`${fn}: ${at} has ${g.filters.length} filters, at most ${MAX_FILTERS_PER_GROUP} are allowed`);
    }
    g.filters.forEach((f: unknown, fi: number) => {
      const fat = `${at}.filters[${fi}]`;
      if (!isPlainObject(f)) throw new TypeError(`${fn}: ${fat} must be an object`);
      const { fieldName, operator, value } = f;
      if (typeof fieldName !== 'string' || fieldName === '') throw new TypeError(`${fn}: ${fat}.fieldName must be a non-empty string`);
      if (fieldName.length > MAX_FIELD_LENGTH || fieldName.split('.').length > MAX_FIELD_DEPTH) {
        throw new Error(`${fn}: ${fat}.fieldName "${fieldName}" is longer than ${MAX_FIELD_LENGTH} chars or nests deeper than ${MAX_FIELD_DEPTH} levels`);
      }
      if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
        throw new Error(`${fn}: ${fat}.operator ${JSON.stringify(operator)} is not one of ${[...OPERATORS].join(', ')}`);
      }
      const list = Array.isArray(value) ? value : undefined;
      if (operator === 'between' && !(list && list.length === 2 && list.every(isScalar))) {
        throw new Error(`${fn}: ${fat}: "between" needs a [low, high] pair`);
      }
      if ((operator === 'in' || operator === 'notIn') && !(list && list.length <= MAX_IN_VALUES && list.every(isScalar))) {
        throw new Error(`${fn}: ${fat}: "${operator}" needs an array of at most ${MAX_IN_VALUES} values`);
      }
      if (operator === 'containsAny' && !(list && list.length <= MAX_CONTAINS_ANY_VALUES && list.every(isScalar))) {
        throw new Error(`${fn}: ${fat}: "containsAny" needs an array of at most ${MAX_CONTAINS_ANY_VALUES} values`);
      }
      if (!['between', 'in', 'notIn', 'containsAny'].includes(operator) && !isScalar(value)) {
        throw new Error(`${fn}: ${fat}: "${operator}" needs a string, number, boolean or null value`);
      }
    });
  });
  return JSON.parse(JSON.stringify(filter)) as SubscriptionFilter;
}

export function setSubscriptionFilter(filter: unknown): void {
  state().extensions.subscriptionFilter = validateSubscriptionFilter('extensions.setSubscriptionFilter', filter);
}

export function setSubscriptionInvalidationFilter(filter: unknown): void {
  state().extensions.subscriptionInvalidationFilter = validateSubscriptionFilter(
    'extensions.setSubscriptionInvalidationFilter',
    filter,
  );
}

export interface SubscriptionInvalidation { subscriptionField: string; payload: Record<string, unknown> }

export function invalidateSubscriptions(obj: unknown): void {
  const fn = 'extensions.invalidateSubscriptions';
  if (!isPlainObject(obj)) throw new TypeError(`${fn}: expected {subscriptionField, payload}, got ${describe(obj)}`);
  if (typeof obj.subscriptionField !== 'string' || obj.subscriptionField === '') {
    throw new TypeError(`${fn}: subscriptionField must be the name of a Subscription field`);
  }
  if (!isPlainObject(obj.payload)) throw new TypeError(`${fn}: payload must be an object`);
  const entry: SubscriptionInvalidation = {
    subscriptionField: obj.subscriptionField,
    payload: JSON.parse(JSON.stringify(obj.payload)) as Record<string, unknown>,
  };
  state().extensions.invalidations.push(entry);
}

export interface CacheEviction { typeName: string; fieldName: string; keys: Record<string, unknown> }

/** keyValuePair names the caching keys, e.g. {'context.arguments.id': 'abc'}. */
export function evictFromApiCache(typeName: unknown, fieldName: unknown, keyValuePair: unknown): void {
  const fn = 'extensions.evictFromApiCache';
  if (typeof typeName !== 'string' || typeName === '') throw new TypeError(`${fn}: argument "typeName" must be a non-empty string`);
  if (typeof fieldName !== 'string' || fieldName === '') throw new TypeError(`${fn}: argument "fieldName" must be a non-empty string`);
  if (!isPlainObject(keyValuePair)) throw new TypeError(`${fn}: argument "keyValuePair" must be an object, got ${describe(keyValuePair)}`);
  const entry: CacheEviction = { typeName, fieldName, keys: JSON.parse(JSON.stringify(keyValuePair)) as Record<string, unknown> };
  state().extensions.cacheEvictions.push(entry);
}

export const extensions = Object.freeze({
  setSubscriptionFilter,
  setSubscriptionInvalidationFilter,
  invalidateSubscriptions,
  evictFromApiCache,
});
