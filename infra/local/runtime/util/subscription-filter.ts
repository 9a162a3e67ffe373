// util.transform.toSubscriptionFilter: a filter object to AppSync's {filterGroup:[{filters:[...]}]} form.
// The filter is put in disjunctive normal form (groups are ORed, filters in a group ANDed), matching the
// AWS-recorded vectors: several operators on one field are alternatives, `and` multiplies out, `or` adds
// groups, `rules` (3rd argument) are alternatives ANDed onto every group. Operators are not validated
// here (AWS passes unknown ones through); extensions.setSubscriptionFilter validates.
import { isPlainObject } from './guards.js';

export interface SubscriptionFilterEntry { fieldName: string; operator: string; value: unknown }
export interface SubscriptionFilter { filterGroup: { filters: SubscriptionFilterEntry[] }[] }

type Group = SubscriptionFilterEntry[];
type Dnf = Group[];

const TRUE: Dnf = [[]];
class Invalid extends Error {}

function and(a: Dnf, b: Dnf): Dnf {
  const out: Dnf = [];
  for (const g1 of a) for (const g2 of b) out.push([...g1, ...g2]);
  return out;
}

function fieldAlternatives(field: string, ops: unknown, ignored: Set<string>): Dnf {
  if (!isPlainObject(ops)) throw new Invalid();
  if (ignored.has(field)) return TRUE;
  const alts: Dnf = Object.entries(ops).map(([operator, value]) => [{ fieldName: field, operator, value }]);
  return alts.length === 0 ? TRUE : alts;
}

function objectDnf(obj: unknown, ignored: Set<string>): Dnf {
  if (!isPlainObject(obj)) throw new Invalid();
  let acc = TRUE;
  for (const [key, val] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      const members = Array.isArray(val) ? val : [val];
      const parts = members.map((m) => objectDnf(m, ignored));
      const combined = key === 'and' ? parts.reduce(and, TRUE) : parts.length === 0 ? TRUE : parts.flat();
      acc = and(acc, combined);
    } else {
      acc = and(acc, fieldAlternatives(key, val, ignored));
    }
  }
  return acc;
}

export function toSubscriptionFilter(filter?: unknown, ignoredFields?: unknown, rules?: unknown): SubscriptionFilter | null {
  if (!isPlainObject(filter)) return null;
  const ignored = new Set(Array.isArray(ignoredFields) ? ignoredFields.filter((f): f is string => typeof f === 'string') : []);
  try {
    let dnf = objectDnf(filter, ignored);
    if (isPlainObject(rules)) {
      const alts: Dnf = [];
      for (const [field, ops] of Object.entries(rules)) {
        const a = fieldAlternatives(field, ops, new Set());
        if (a !== TRUE) alts.push(...a);
      }
      if (alts.length > 0) dnf = and(dnf, alts);
    }
    return { filterGroup: dnf.filter((g) => g.length > 0).map((filters) => ({ filters })) };
  } catch (e) {
    if (e instanceof Invalid) return null;
    throw e;
  }
}
