// The DynamoDB data source: AppSync DynamoDB request objects (what APPSYNC_JS request handlers return)
// translated to AWS SDK v3 calls against DynamoDB Local, and results/errors shaped as AppSync hands them
// to the response handler (AppSync developer guide, "JavaScript resolver reference for DynamoDB").
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import type { DataSourceError, InvokeResult } from '../runtime/pipeline.js';

type Dict = Record<string, unknown>;
type Item = Record<string, AttributeValue>;

export interface DynamoDBDataSourceOptions {
  client: DynamoDBClient;
  /** the data source's table (physical name) */
  tableName: string;
  /** logical → physical table names, for batch/transact requests that name tables ("main" → "social-feed-main") */
  tableNames?: Record<string, string>;
}

/** A request the data source cannot run: AppSync reports these before calling DynamoDB. */
class BadRequest extends Error {}

// ---------- typed values: AppSync's JSON (numbers as JSON numbers) → SDK AttributeValue ----------

function toAttr(value: unknown, where: string): AttributeValue {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest(`${where}: expected a DynamoDB typed value like {"S": "..."}`);
  const entries = Object.entries(value as Dict);
  if (entries.length !== 1) throw new BadRequest(`${where}: a typed value has exactly one type key, got ${entries.map(([k]) => k).join(', ') || 'none'}`);
  const [type, v] = entries[0];
  switch (type) {
    case 'S':
      return { S: String(v) };
    case 'N':
      return { N: String(v) };
    case 'BOOL':
      return { BOOL: Boolean(v) };
    case 'NULL':
      return { NULL: true };
    case 'B':
      return { B: Buffer.from(String(v), 'base64') };
    case 'SS':
      return { SS: (v as unknown[]).map(String) };
    case 'NS':
      return { NS: (v as unknown[]).map(String) };
    case 'BS':
      return { BS: (v as unknown[]).map((b) => Buffer.from(String(b), 'base64')) };
    case 'L':
      return { L: (v as unknown[]).map((x, i) => toAttr(x, `${where}[${i}]`)) };
    case 'M':
      return { M: toItem(v, where) };
    default:
      throw new BadRequest(`${where}: unknown DynamoDB type "${type}"`);
  }
}

function toItem(value: unknown, where: string): Item {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BadRequest(`${where}: expected an object of typed values`);
  const out: Item = {};
  for (const [k, v] of Object.entries(value as Dict)) out[k] = toAttr(v, `${where}.${k}`);
  return out;
}

const optItem = (value: unknown, where: string): Item | undefined => (value == null ? undefined : toItem(value, where));

// ---------- results: AttributeValue → plain JSON, as AppSync gives ctx.result ----------

function fromAttr(a: AttributeValue): unknown {
  if (a.S !== undefined) return a.S;
  if (a.N !== undefined) return Number(a.N);
  if (a.BOOL !== undefined) return a.BOOL;
  if (a.NULL !== undefined) return null;
  if (a.B !== undefined) return Buffer.from(a.B).toString('base64');
  if (a.SS !== undefined) return [...a.SS];
  if (a.NS !== undefined) return a.NS.map(Number);
  if (a.BS !== undefined) return a.BS.map((b) => Buffer.from(b).toString('base64'));
  if (a.L !== undefined) return a.L.map(fromAttr);
  if (a.M !== undefined) return fromItem(a.M);
  return null;
}

export function fromItem(item: Item | undefined | null): Dict | null {
  if (!item) return null;
  const out: Dict = {};
  for (const [k, v] of Object.entries(item)) out[k] = fromAttr(v);
  return out;
}

// ---------- expressions ----------

interface Expression {
  expression?: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Dict;
}

interface Expr {
  text?: string;
  names?: Record<string, string>;
  values?: Item;
}

function expr(e: unknown, where: string): Expr {
  if (e == null) return {};
  const x = e as Expression;
  if (typeof x.expression !== 'string') throw new BadRequest(`${where}.expression: required string`);
  const names = x.expressionNames && Object.keys(x.expressionNames).length ? x.expressionNames : undefined;
  const values = x.expressionValues && Object.keys(x.expressionValues).length ? toItem(x.expressionValues, `${where}.expressionValues`) : undefined;
  return { text: x.expression, names, values };
}

/** Merge the names/values of several expressions into one SDK call's parameters. */
function params(...parts: Expr[]): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Item } {
  let names: Record<string, string> | undefined;
  let values: Item | undefined;
  for (const p of parts) {
    if (p.names) names = { ...names, ...p.names };
    if (p.values) values = { ...values, ...p.values };
  }
  return { ...(names ? { ExpressionAttributeNames: names } : {}), ...(values ? { ExpressionAttributeValues: values } : {}) };
}

function projection(p: unknown, where: string): { ProjectionExpression?: string; names?: Record<string, string> } {
  if (p == null) return {};
  const x = p as Expression;
  if (typeof x.expression !== 'string') throw new BadRequest(`${where}.projection.expression: required string`);
  return { ProjectionExpression: x.expression, names: x.expressionNames };
}

// ---------- pagination tokens: opaque to clients, as on AppSync ----------

function encodeToken(key: Item | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

function decodeToken(token: unknown): Item | undefined {
  if (token == null) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(String(token), 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Item;
  } catch {
    // fall through
  }
  throw new BadRequest('nextToken: invalid pagination token');
}

// ---------- errors: AppSync's ctx.error {message, type: 'DynamoDB:<Exception>'} ----------

function statusOf(err: DynamoDBServiceException): number {
  return err.$metadata?.httpStatusCode ?? 400;
}

function toDataSourceError(err: unknown): DataSourceError {
  if (err instanceof BadRequest) return { message: err.message, type: 'DynamoDB:DynamoDbException' };
  if (err instanceof TransactionCanceledException) {
    // AppSync lists one reason per transact item, "None" for items that did not fail
    const cancellationReasons = (err.CancellationReasons ?? []).map((r) => ({
      type: r.Code ?? 'None',
      message: r.Message ?? 'null',
    }));
    return {
      message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${cancellationReasons.map((r) => r.type).join(', ')}] (Service: DynamoDb, Status Code: 400)`,
      type: 'DynamoDB:TransactionCanceledException',
      data: { keys: null, cancellationReasons },
      cancellationReasons,
    };
  }
  if (err instanceof DynamoDBServiceException) {
    const known = ['ConditionalCheckFailedException', 'ProvisionedThroughputExceededException', 'TransactionConflictException', 'ItemCollectionSizeLimitExceededException', 'ResourceNotFoundException'];
    const type = known.includes(err.name) ? err.name : 'DynamoDbException';
    return { message: `${err.message} (Service: DynamoDb, Status Code: ${statusOf(err)})`, type: `DynamoDB:${type}` };
  }
  return { message: err instanceof Error ? err.message : String(err), type: 'DynamoDB:DynamoDbException' };
}

// ---------- the data source ----------

export type DynamoDBInvoke = (request: unknown) => Promise<InvokeResult>;

export function createDynamoDBDataSource(opts: DynamoDBDataSourceOptions): DynamoDBInvoke {
  const { client, tableName } = opts;
  const physical = (name: unknown, where: string): string => {
    if (typeof name !== 'string' || !name) throw new BadRequest(`${where}: table name required`);
    return opts.tableNames?.[name] ?? name;
  };

  const conditionParams = (c: unknown, where: string) => {
    const e = expr(c, where);
    return { e, ConditionExpression: e.text };
  };

  // A failed condition: AppSync passes the current item as the error's data.
  const conditionFailed = async (err: unknown, key: Item, table: string): Promise<InvokeResult> => {
    const e = toDataSourceError(err);
    if (e.type === 'DynamoDB:ConditionalCheckFailedException') {
      const current = await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
      e.data = fromItem(current.Item);
    }
    return { error: e };
  };

  const run = async (req: Dict): Promise<InvokeResult> => {
    switch (req.operation) {
      case 'GetItem': {
        const key = toItem(req.key, 'key');
        const p = projection(req.projection, 'GetItem');
        const out = await client.send(
          new GetItemCommand({ TableName: tableName, Key: key, ConsistentRead: req.consistentRead === true, ProjectionExpression: p.ProjectionExpression, ...(p.names ? { ExpressionAttributeNames: p.names } : {}) }),
        );
        return { result: fromItem(out.Item) };
      }
      case 'PutItem': {
        const key = toItem(req.key, 'key');
        const item = { ...optItem(req.attributeValues, 'attributeValues'), ...key };
        const { e, ConditionExpression } = conditionParams(req.condition, 'condition');
        try {
          await client.send(new PutItemCommand({ TableName: tableName, Item: item, ConditionExpression, ...params(e) }));
        } catch (err) {
          return conditionFailed(err, key, tableName);
        }
        return { result: fromItem(item) };
      }
      case 'UpdateItem': {
        const key = toItem(req.key, 'key');
        const u = expr(req.update, 'update');
        if (!u.text) throw new BadRequest('update: required');
        const { e, ConditionExpression } = conditionParams(req.condition, 'condition');
        try {
          const out = await client.send(
            new UpdateItemCommand({ TableName: tableName, Key: key, UpdateExpression: u.text, ConditionExpression, ReturnValues: 'ALL_NEW', ...params(u, e) }),
          );
          return { result: fromItem(out.Attributes) };
        } catch (err) {
          return conditionFailed(err, key, tableName);
        }
      }
      case 'DeleteItem': {
        const key = toItem(req.key, 'key');
        const { e, ConditionExpression } = conditionParams(req.condition, 'condition');
        try {
          const out = await client.send(new DeleteItemCommand({ TableName: tableName, Key: key, ConditionExpression, ReturnValues: 'ALL_OLD', ...params(e) }));
          return { result: fromItem(out.Attributes) };
        } catch (err) {
          return conditionFailed(err, key, tableName);
        }
      }
      case 'Query':
      case 'Scan': {
        const isQuery = req.operation === 'Query';
        const q = isQuery ? expr(req.query, 'query') : {};
        if (isQuery && !q.text) throw new BadRequest('query: required');
        const f = expr(req.filter, 'filter');
        const p = projection(req.projection, String(req.operation));
        const common = {
          TableName: tableName,
          IndexName: typeof req.index === 'string' ? req.index : undefined,
          Limit: typeof req.limit === 'number' ? req.limit : undefined,
          ExclusiveStartKey: decodeToken(req.nextToken),
          ConsistentRead: req.consistentRead === true ? true : undefined,
          Select: typeof req.select === 'string' ? (req.select as 'ALL_ATTRIBUTES') : undefined,
          FilterExpression: f.text,
          ProjectionExpression: p.ProjectionExpression,
          ...params(q, f, { names: p.names }),
        };
        const out = isQuery
          ? await client.send(new QueryCommand({ ...common, KeyConditionExpression: q.text, ScanIndexForward: req.scanIndexForward !== false }))
          : await client.send(
              new ScanCommand({
                ...common,
                Segment: typeof req.segment === 'number' ? req.segment : undefined,
                TotalSegments: typeof req.totalSegments === 'number' ? req.totalSegments : undefined,
              }),
            );
        return {
          result: {
            items: (out.Items ?? []).map((i) => fromItem(i)),
            nextToken: encodeToken(out.LastEvaluatedKey),
            scannedCount: out.ScannedCount ?? 0,
          },
        };
      }
      case 'BatchGetItem': {
        const tables = (req.tables ?? {}) as Record<string, { keys?: unknown[]; consistentRead?: boolean; projection?: unknown }>;
        const requestItems: Record<string, { Keys: Item[]; ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }> = {};
        for (const [name, t] of Object.entries(tables)) {
          const p = projection(t.projection, `tables.${name}`);
          requestItems[physical(name, 'tables')] = {
            Keys: (t.keys ?? []).map((k, i) => toItem(k, `tables.${name}.keys[${i}]`)),
            ConsistentRead: t.consistentRead === true ? true : undefined,
            ProjectionExpression: p.ProjectionExpression,
            ...(p.names ? { ExpressionAttributeNames: p.names } : {}),
          };
        }
        const out = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
        // AppSync keeps the order of the requested keys, with null for keys not found or unprocessed
        const data: Record<string, Array<Dict | null>> = {};
        const unprocessedKeys: Record<string, Array<Dict | null>> = {};
        for (const name of Object.keys(tables)) {
          const table = physical(name, 'tables');
          const keys = requestItems[table].Keys;
          const found = out.Responses?.[table] ?? [];
          const keyOf = (k: Item, names: string[]) => JSON.stringify(names.map((n) => k[n]));
          const names = keys[0] ? Object.keys(keys[0]).sort() : [];
          const byKey = new Map(found.map((item) => [keyOf(item, names), item]));
          data[name] = keys.map((k) => fromItem(byKey.get(keyOf(k, names))));
          unprocessedKeys[name] = (out.UnprocessedKeys?.[table]?.Keys ?? []).map((k) => fromItem(k));
        }
        return { result: { data, unprocessedKeys } };
      }
      case 'BatchPutItem':
      case 'BatchDeleteItem': {
        const isPut = req.operation === 'BatchPutItem';
        const tables = (req.tables ?? {}) as Record<string, unknown[]>;
        const requestItems: Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>> = {};
        const written: Record<string, Item[]> = {};
        for (const [name, list] of Object.entries(tables)) {
          const items = (list ?? []).map((x, i) => toItem(x, `tables.${name}[${i}]`));
          written[name] = items;
          requestItems[physical(name, 'tables')] = items.map((x) => (isPut ? { PutRequest: { Item: x } } : { DeleteRequest: { Key: x } }));
        }
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
        const data: Record<string, Array<Dict | null>> = {};
        const unprocessed: Record<string, Array<Dict | null>> = {};
        for (const name of Object.keys(tables)) {
          data[name] = written[name].map((x) => fromItem(x));
          unprocessed[name] = (out.UnprocessedItems?.[physical(name, 'tables')] ?? []).map((w) => fromItem(isPut ? w.PutRequest?.Item : w.DeleteRequest?.Key));
        }
        return { result: isPut ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed } };
      }
      case 'TransactGetItems': {
        const list = (req.transactItems ?? []) as Array<{ table: string; key: unknown; projection?: unknown }>;
        const out = await client.send(
          new TransactGetItemsCommand({
            TransactItems: list.map((t, i) => {
              const p = projection(t.projection, `transactItems[${i}]`);
              return {
                Get: {
                  TableName: physical(t.table, `transactItems[${i}].table`),
                  Key: toItem(t.key, `transactItems[${i}].key`),
                  ProjectionExpression: p.ProjectionExpression,
                  ...(p.names ? { ExpressionAttributeNames: p.names } : {}),
                },
              };
            }),
          }),
        );
        return { result: { items: (out.Responses ?? []).map((r) => fromItem(r.Item)), cancellationReasons: null } };
      }
      case 'TransactWriteItems': {
        const list = (req.transactItems ?? []) as Array<Dict>;
        const keys: Item[] = [];
        const items: TransactWriteItem[] = list.map((t, i) => {
          const where = `transactItems[${i}]`;
          const table = physical(t.table, `${where}.table`);
          const key = toItem(t.key, `${where}.key`);
          keys.push(key);
          const c = expr(t.condition, `${where}.condition`);
          const onFail = (t.condition as { returnValuesOnConditionCheckFailure?: boolean } | undefined)?.returnValuesOnConditionCheckFailure ? ('ALL_OLD' as const) : undefined;
          const cond = { ConditionExpression: c.text, ReturnValuesOnConditionCheckFailure: onFail };
          switch (t.operation) {
            case 'PutItem':
              return { Put: { TableName: table, Item: { ...optItem(t.attributeValues, `${where}.attributeValues`), ...key }, ...cond, ...params(c) } };
            case 'UpdateItem': {
              const u = expr(t.update, `${where}.update`);
              if (!u.text) throw new BadRequest(`${where}.update: required`);
              return { Update: { TableName: table, Key: key, UpdateExpression: u.text, ...cond, ...params(u, c) } };
            }
            case 'DeleteItem':
              return { Delete: { TableName: table, Key: key, ...cond, ...params(c) } };
            case 'ConditionCheck':
              if (!c.text) throw new BadRequest(`${where}.condition: required for ConditionCheck`);
              return { ConditionCheck: { TableName: table, Key: key, ConditionExpression: c.text, ReturnValuesOnConditionCheckFailure: onFail, ...params(c) } };
            default:
              throw new BadRequest(`${where}.operation: must be PutItem, UpdateItem, DeleteItem or ConditionCheck, got ${String(t.operation)}`);
          }
        });
        await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return { result: { keys: keys.map((k) => fromItem(k)), cancellationReasons: null } };
      }
      case 'Sync':
        throw new BadRequest('Sync: conflict detection / Delta Sync is not supported by the local runtime');
      default:
        throw new BadRequest(`operation: unsupported DynamoDB operation ${JSON.stringify(req.operation)}`);
    }
  };

  return async (request) => {
    if (!request || typeof request !== 'object') return { error: { message: 'DynamoDB request: expected an object with an operation', type: 'DynamoDB:DynamoDbException' } };
    try {
      return await run(request as Dict);
    } catch (err) {
      return { error: toDataSourceError(err) };
    }
  };
}
