// util.transform.toElasticsearchQueryDSL: a filter object to an OpenSearch bool query, as a JSON string.
// Shape follows the AppSync doc example: every object level is {bool:{must:[...]}}, `or` is `should`,
// `not` and `ne` are `must_not`.
import { isPlainObject, describe, type Dict } from './guards.js';

const LEAF: Record<string, string> = {
  eq: 'term', match: 'match', matchPhrase: 'match_phrase', matchPhrasePrefix: 'match_phrase_prefix',
  wildcard: 'wildcard', regexp: 'regexp', multiMatch: 'multi_match',
};
const RANGE = new Set(['gt', 'gte', 'lt', 'lte']);
const FN = 'util.transform.toElasticsearchQueryDSL';

function op(field: string, name: string, value: unknown): Dict {
  if (LEAF[name]) return { [LEAF[name]]: { [field]: value } };
  if (name === 'ne') return { bool: { must_not: { term: { [field]: value } } } };
  if (RANGE.has(name)) return { range: { [field]: { [name]: value } } };
  if (name === 'range') {
    if (!Array.isArray(value) || value.length !== 2) throw new Error(`${FN}: "${field}.range" needs [from, to]`);
    return { range: { [field]: { gte: value[0], lte: value[1] } } };
  }
  if (name === 'exists') {
    if (typeof value !== 'boolean') throw new Error(`${FN}: "${field}.exists" must be a boolean`);
    return value ? { exists: { field } } : { bool: { must_not: { exists: { field } } } };
  }
  throw new Error(`${FN}: unknown operator "${name}" on field "${field}"`);
}

function node(obj: unknown): Dict {
  if (!isPlainObject(obj)) throw new TypeError(`${FN}: expected a filter object, got ${describe(obj)}`);
  const must: Dict[] = [];
  for (const [key, val] of Object.entries(obj)) {
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(val)) throw new TypeError(`${FN}: "${key}" must be an array`);
      must.push({ bool: { [key === 'and' ? 'must' : 'should']: val.map(node) } });
    } else if (key === 'not') {
      must.push({ bool: { must_not: node(val) } });
    } else {
      if (!isPlainObject(val)) throw new TypeError(`${FN}: field "${key}" needs an operator object`);
      must.push({ bool: { must: Object.entries(val).map(([o, v]) => op(key, o, v)) } });
    }
  }
  return { bool: { must } };
}

export function toElasticsearchQueryDSL(obj: unknown): string {
  return JSON.stringify(node(obj));
}
