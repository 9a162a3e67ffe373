// '@aws-appsync/utils/dynamodb': builds DynamoDB data source requests from plain JS inputs.
// Output shapes follow the AWS-recorded dynamodb-module vectors (update placeholders "#expName_N" /
// ":expValue_N", operations.add renders as SET) and the request types shipped in @aws-appsync/utils.
// Where no vector pins a detail (key condition / projection placeholders) the names are chosen so the
// query, filter, condition and projection placeholders of one request never collide.
import { describe, isPlainObject, type Dict } from './guards.js';
import * as av from './dynamodb.js';
import { renderFilter, type RenderedExpression } from './filter-expression.js';

type Op =
  | { type: 'OPERATION_ADD'; value: unknown }
  | { type: 'OPERATION_REMOVE' }
  | { type: 'OPERATION_REPLACE'; value: unknown }
  | { type: 'OPERATION_INCREMENT'; by?: number }
  | { type: 'OPERATION_DECREMENT'; by?: number }
  | { type: 'OPERATION_APPEND'; items: unknown[] }
  | { type: 'OPERATION_PREPEND'; items: unknown[] }
  | { type: 'OPERATION_UPDATE_LIST_ITEM'; value: unknown; index: number };

function listArg(fn: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`operations.${fn}: expected an array, got ${describe(v)}`);
  return v;
}
function byArg(fn: string, v: unknown): number | undefined {
  if (v !== undefined && typeof v !== 'number') throw new TypeError(`operations.${fn}: "by" must be a number`);
  return v;
}

export const operations = Object.freeze({
  add: (value: unknown): Op => ({ type: 'OPERATION_ADD', value }),
  remove: (): Op => ({ type: 'OPERATION_REMOVE' }),
  replace: (value: unknown): Op => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by?: unknown): Op => ({ type: 'OPERATION_INCREMENT', by: byArg('increment', by) }),
  decrement: (by?: unknown): Op => ({ type: 'OPERATION_DECREMENT', by: byArg('decrement', by) }),
  append: (items: unknown): Op => ({ type: 'OPERATION_APPEND', items: listArg('append', items) }),
  prepend: (items: unknown): Op => ({ type: 'OPERATION_PREPEND', items: listArg('prepend', items) }),
  updateListItem: (value: unknown, index: unknown): Op => {
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
      throw new TypeError('operations.updateListItem: "index" must be a non-negative integer');
    }
    return { type: 'OPERATION_UPDATE_LIST_ITEM', value, index };
  },
});

function asOp(v: unknown): Op | undefined {
  return isPlainObject(v) && typeof v.type === 'string' && v.type.startsWith('OPERATION_') ? (v as Op) : undefined;
}

// ---- shared pieces ----

function input(fn: string, payload: unknown): Dict {
  if (!isPlainObject(payload)) throw new TypeError(`ddb.${fn}: expected an input object, got ${describe(payload)}`);
  return payload;
}

function key(fn: string, k: unknown, field = 'key'): Record<string, av.AttributeValue> {
  if (!isPlainObject(k) || Object.keys(k).length === 0) {
    throw new TypeError(`ddb.${fn}: "${field}" must be a non-empty object of key attributes, got ${describe(k)}`);
  }
  for (const [name, v] of Object.entries(k)) {
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new TypeError(`ddb.${fn}: ${field}.${name} must be a string or number, got ${describe(v)}`);
    }
  }
  return av.toMapValues(k);
}

function expression(fn: string, field: string, obj: unknown): RenderedExpression | undefined {
  if (obj === undefined || obj === null) return undefined;
  const r = renderFilter(obj);
  if (!r) throw new Error(`ddb.${fn}: "${field}" is not a valid filter object: ${JSON.stringify(obj)}`);
  return r.expression === '' ? undefined : r;
}

/** Attribute paths like "a", "a.b", "list[1].c" to "#proj_0.#proj_1[1]" with names. */
function projection(fn: string, list: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string' && p !== '')) {
    throw new TypeError(`ddb.${fn}: "projection" must be an array of attribute paths`);
  }
  if (list.length === 0) return undefined;
  const names: Record<string, string> = {};
  const refOf = new Map<string, string>();
  const paths = (list as string[]).map((path) =>
    path
      .split('.')
      .map((seg) => {
        const m = /^([^[\]]+)((?:\[\d+\])*)$/.exec(seg);
        if (!m) throw new TypeError(`ddb.${fn}: projection path "${path}" is not valid`);
        let ref = refOf.get(m[1]!);
        if (!ref) {
          ref = `#proj_${refOf.size}`;
          refOf.set(m[1]!, ref);
          names[ref] = m[1]!;
        }
        return ref + m[2];
      })
      .join('.'),
  );
  return { expression: paths.join(', '), expressionNames: names };
}

/** Copies the optional pass-through fields that are set (null and undefined are left out). */
function passThrough(out: Dict, from: Dict, fields: string[]): void {
  for (const f of fields) if (from[f] !== undefined && from[f] !== null) out[f] = from[f];
}

const VERSIONING = ['customPartitionKey', 'populateIndexFields', '_version'];

// ---- single-item operations ----

export function get(payload: unknown): Dict {
  const p = input('get', payload);
  const out: Dict = { operation: 'GetItem', key: key('get', p.key) };
  passThrough(out, p, ['consistentRead']);
  const proj = projection('get', p.projection);
  if (proj) out.projection = proj;
  return out;
}

export function put(payload: unknown): Dict {
  const p = input('put', payload);
  if (!isPlainObject(p.item)) throw new TypeError(`ddb.put: "item" must be an object, got ${describe(p.item)}`);
  const out: Dict = { operation: 'PutItem', key: key('put', p.key), attributeValues: av.toMapValues(p.item) };
  const cond = expression('put', 'condition', p.condition);
  if (cond) out.condition = cond;
  passThrough(out, p, VERSIONING);
  return out;
}

export function remove(payload: unknown): Dict {
  const p = input('remove', payload);
  const out: Dict = { operation: 'DeleteItem', key: key('remove', p.key) };
  const cond = expression('remove', 'condition', p.condition);
  if (cond) out.condition = cond;
  passThrough(out, p, VERSIONING);
  return out;
}

/** Renders an update object into SET / REMOVE clauses with #expName_N / :expValue_N placeholders. */
class UpdateBuilder {
  private readonly names = new Map<string, string>();
  private readonly expressionNames: Record<string, string> = {};
  private readonly expressionValues: Record<string, av.AttributeValue> = {};
  private readonly set: string[] = [];
  private readonly remove: string[] = [];
  private valueCount = 0;

  private name(n: string): string {
    let ref = this.names.get(n);
    if (!ref) {
      ref = `#expName_${this.names.size + 1}`;
      this.names.set(n, ref);
      this.expressionNames[ref] = n;
    }
    return ref;
  }

  private value(v: unknown): string {
    const ref = `:expValue_${++this.valueCount}`;
    this.expressionValues[ref] = av.toDynamoDB(v);
    return ref;
  }

  object(obj: Dict, path: string): void {
    for (const [field, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      this.entry(`${path}${path ? '.' : ''}${this.name(field)}`, v);
    }
  }

  private entry(path: string, v: unknown): void {
    const op = asOp(v);
    if (op) return this.operation(path, op);
    if (v === null) {
      // null clears the attribute, as Amplify-style update resolvers do
      this.remove.push(path);
    } else if (Array.isArray(v) && v.length > 0 && v.every((x) => asOp(x)?.type === 'OPERATION_UPDATE_LIST_ITEM')) {
      for (const item of v as { value: unknown; index: number }[]) this.set.push(`${path}[${item.index}] = ${this.value(item.value)}`);
    } else if (isPlainObject(v)) {
      this.object(v, path); // nested update: only the given sub-attributes change
    } else {
      this.set.push(`${path} = ${this.value(v)}`);
    }
  }

  private operation(path: string, op: Op): void {
    switch (op.type) {
      case 'OPERATION_ADD':
      case 'OPERATION_REPLACE':
        this.set.push(`${path} = ${this.value(op.value)}`);
        break;
      case 'OPERATION_REMOVE':
        this.remove.push(path);
        break;
      case 'OPERATION_INCREMENT':
        this.set.push(`${path} = ${path} + ${this.value(op.by ?? 1)}`);
        break;
      case 'OPERATION_DECREMENT':
        this.set.push(`${path} = ${path} - ${this.value(op.by ?? 1)}`);
        break;
      case 'OPERATION_APPEND':
        this.set.push(`${path} = list_append(${path}, ${this.value(op.items)})`);
        break;
      case 'OPERATION_PREPEND':
        this.set.push(`${path} = list_append(${this.value(op.items)}, ${path})`);
        break;
      case 'OPERATION_UPDATE_LIST_ITEM':
        this.set.push(`${path}[${op.index}] = ${this.value(op.value)}`);
        break;
    }
  }

  build(): RenderedExpression {
    const clauses: string[] = [];
    if (this.set.length) clauses.push(`SET ${this.set.join(', ')}`);
    if (this.remove.length) clauses.push(`REMOVE ${this.remove.join(', ')}`);
    return { expression: clauses.join(' '), expressionNames: this.expressionNames, expressionValues: this.expressionValues };
  }
}

function updateExpression(fn: string, update: unknown): RenderedExpression {
  if (!isPlainObject(update)) throw new TypeError(`ddb.${fn}: "update" must be an object, got ${describe(update)}`);
  const b = new UpdateBuilder();
  b.object(update, '');
  const r = b.build();
  if (r.expression === '') throw new Error(`ddb.${fn}: "update" has no attributes to change`);
  return r;
}

export function update(payload: unknown): Dict {
  const p = input('update', payload);
  const out: Dict = { operation: 'UpdateItem', key: key('update', p.key), update: updateExpression('update', p.update) };
  const cond = expression('update', 'condition', p.condition);
  if (cond) out.condition = cond;
  passThrough(out, p, VERSIONING);
  return out;
}

// ---- reads over many items ----

const KEY_OPS: Record<string, string> = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** Key condition: equality on the partition key, one comparison on the sort key, joined by AND. */
function keyCondition(fn: string, q: unknown): RenderedExpression {
  if (!isPlainObject(q) || Object.keys(q).length === 0) {
    throw new TypeError(`ddb.${fn}: "query" must name the key attributes, e.g. {id: {eq: 1}}`);
  }
  const names: Record<string, string> = {};
  const values: Record<string, av.AttributeValue> = {};
  const parts: string[] = [];
  for (const [field, ops] of Object.entries(q)) {
    if (!isPlainObject(ops) || Object.keys(ops).length !== 1) {
      throw new TypeError(`ddb.${fn}: query.${field} must have exactly one operator`);
    }
    const [op, operand] = Object.entries(ops)[0]!;
    const ref = `#${field}`;
    names[ref] = field;
    const ph = `:key_${field}_${op}`;
    if (KEY_OPS[op]) {
      values[ph] = av.toDynamoDB(operand);
      parts.push(`${ref} ${KEY_OPS[op]} ${ph}`);
    } else if (op === 'beginsWith') {
      values[ph] = av.toDynamoDB(operand);
      parts.push(`begins_with(${ref}, ${ph})`);
    } else if (op === 'between') {
      if (!Array.isArray(operand) || operand.length !== 2) throw new TypeError(`ddb.${fn}: query.${field}.between needs [low, high]`);
      values[`${ph}_start`] = av.toDynamoDB(operand[0]);
      values[`${ph}_end`] = av.toDynamoDB(operand[1]);
      parts.push(`${ref} BETWEEN ${ph}_start AND ${ph}_end`);
    } else {
      throw new TypeError(`ddb.${fn}: query.${field}: "${op}" is not a key condition operator (eq, lt, le, gt, ge, between, beginsWith)`);
    }
  }
  return { expression: parts.join(' AND '), expressionNames: names, expressionValues: values };
}

const READ_FIELDS = ['index', 'nextToken', 'limit', 'scanIndexForward', 'consistentRead', 'select'];

export function query(payload: unknown): Dict {
  const p = input('query', payload);
  const out: Dict = { operation: 'Query', query: keyCondition('query', p.query) };
  passThrough(out, p, READ_FIELDS);
  const filter = expression('query', 'filter', p.filter);
  if (filter) out.filter = filter;
  const proj = projection('query', p.projection);
  if (proj) out.projection = proj;
  return out;
}

export function scan(payload?: unknown): Dict {
  const p = payload === undefined ? {} : input('scan', payload);
  const out: Dict = { operation: 'Scan' };
  passThrough(out, p, [...READ_FIELDS, 'segment', 'totalSegments']);
  const filter = expression('scan', 'filter', p.filter);
  if (filter) out.filter = filter;
  const proj = projection('scan', p.projection);
  if (proj) out.projection = proj;
  return out;
}

export function sync(payload?: unknown): Dict {
  const p = payload === undefined ? {} : input('sync', payload);
  const out: Dict = { operation: 'Sync' };
  passThrough(out, p, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
  const filter = expression('sync', 'filter', p.filter);
  if (filter) out.filter = filter;
  return out;
}

// ---- batches and transactions ----

function tables(fn: string, p: Dict): [string, unknown][] {
  if (!isPlainObject(p.tables) || Object.keys(p.tables).length === 0) {
    throw new TypeError(`ddb.${fn}: "tables" must map table names to their entries`);
  }
  return Object.entries(p.tables);
}

function list(fn: string, where: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`ddb.${fn}: ${where} must be an array, got ${describe(v)}`);
  return v;
}

export function batchGet(payload: unknown): Dict {
  const p = input('batchGet', payload);
  const out: Dict = {};
  for (const [table, spec] of tables('batchGet', p)) {
    if (!isPlainObject(spec)) throw new TypeError(`ddb.batchGet: tables.${table} must be {keys, consistentRead?, projection?}`);
    const t: Dict = { keys: list('batchGet', `tables.${table}.keys`, spec.keys).map((k, i) => key('batchGet', k, `tables.${table}.keys[${i}]`)) };
    passThrough(t, spec, ['consistentRead']);
    const proj = projection('batchGet', spec.projection);
    if (proj) t.projection = proj;
    out[table] = t;
  }
  return { operation: 'BatchGetItem', tables: out };
}

export function batchPut(payload: unknown): Dict {
  const p = input('batchPut', payload);
  const out: Dict = {};
  for (const [table, items] of tables('batchPut', p)) {
    out[table] = list('batchPut', `tables.${table}`, items).map((item, i) => {
      if (!isPlainObject(item)) throw new TypeError(`ddb.batchPut: tables.${table}[${i}] must be an item object`);
      return av.toMapValues(item);
    });
  }
  return { operation: 'BatchPutItem', tables: out };
}

export function batchDelete(payload: unknown): Dict {
  const p = input('batchDelete', payload);
  const out: Dict = {};
  for (const [table, keys] of tables('batchDelete', p)) {
    out[table] = list('batchDelete', `tables.${table}`, keys).map((k, i) => key('batchDelete', k, `tables.${table}[${i}]`));
  }
  return { operation: 'BatchDeleteItem', tables: out };
}

function tableName(fn: string, where: string, v: unknown): string {
  if (typeof v !== 'string' || v === '') throw new TypeError(`ddb.${fn}: ${where}.table must be a table name`);
  return v;
}

export function transactGet(payload: unknown): Dict {
  const p = input('transactGet', payload);
  const transactItems = list('transactGet', '"items"', p.items).map((it, i) => {
    const where = `items[${i}]`;
    if (!isPlainObject(it)) throw new TypeError(`ddb.transactGet: ${where} must be {table, key, projection?}`);
    const out: Dict = { table: tableName('transactGet', where, it.table), key: key('transactGet', it.key, `${where}.key`) };
    const proj = projection('transactGet', it.projection);
    if (proj) out.projection = proj;
    return out;
  });
  return { operation: 'TransactGetItems', transactItems };
}

export function transactWrite(payload: unknown): Dict {
  const fn = 'transactWrite';
  const p = input(fn, payload);
  const transactItems = list(fn, '"items"', p.items).map((it, i) => {
    const where = `items[${i}]`;
    const kind = isPlainObject(it) ? Object.keys(it) : [];
    if (!isPlainObject(it) || kind.length !== 1 || !['putItem', 'updateItem', 'deleteItem', 'conditionCheck'].includes(kind[0]!)) {
      throw new TypeError(`ddb.${fn}: ${where} must be one of {putItem}, {updateItem}, {deleteItem}, {conditionCheck}`);
    }
    const spec = it[kind[0]!];
    if (!isPlainObject(spec)) throw new TypeError(`ddb.${fn}: ${where}.${kind[0]} must be an object`);
    const at = `${where}.${kind[0]}`;
    const out: Dict = { table: tableName(fn, at, spec.table) };
    switch (kind[0]) {
      case 'putItem':
        if (!isPlainObject(spec.item)) throw new TypeError(`ddb.${fn}: ${at}.item must be an object`);
        Object.assign(out, { operation: 'PutItem', key: key(fn, spec.key, `${at}.key`), attributeValues: av.toMapValues(spec.item) });
        break;
      case 'updateItem':
        Object.assign(out, { operation: 'UpdateItem', key: key(fn, spec.key, `${at}.key`), update: updateExpression(fn, spec.update) });
        break;
      case 'deleteItem':
        Object.assign(out, { operation: 'DeleteItem', key: key(fn, spec.key, `${at}.key`) });
        break;
      case 'conditionCheck':
        Object.assign(out, { operation: 'ConditionCheck', key: key(fn, spec.key, `${at}.key`) });
        if (spec.condition === undefined || spec.condition === null) throw new TypeError(`ddb.${fn}: ${at}.condition is required`);
        break;
    }
    const cond = expression(fn, `${at}.condition`, spec.condition);
    if (cond) out.condition = cond;
    return out;
  });
  return { operation: 'TransactWriteItems', transactItems };
}

const namespace = Object.freeze({
  get, put, remove, update, query, scan, sync,
  batchGet, batchPut, batchDelete, transactGet, transactWrite,
  operations,
  toDynamoDB: av.toDynamoDB,
  toStringSet: av.toStringSet,
  toNumberSet: av.toNumberSet,
  toBinarySet: av.toBinarySet,
});

export function dynamodbModule(): Record<string, unknown> {
  return namespace;
}
