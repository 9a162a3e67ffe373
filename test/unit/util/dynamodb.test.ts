import { describe, expect, it } from 'vitest';
import * as util from '../../../infra/local/runtime/util/dynamodb.js';
import { dynamodbModule, operations } from '../../../infra/local/runtime/util/dynamodb-module.js';

const ddb = dynamodbModule() as Record<string, (...a: unknown[]) => Record<string, unknown>>;

describe('util.dynamodb', () => {
  it('converts nested values with numbers as JSON numbers', () => {
    expect(util.toDynamoDB({ a: [1, 'x', null, true], b: { c: 2.5 }, skip: undefined })).toEqual({
      M: { a: { L: [{ N: 1 }, { S: 'x' }, { NULL: null }, { BOOL: true }] }, b: { M: { c: { N: 2.5 } } } },
    });
  });

  it('returns null for null input and names the bad type', () => {
    expect(util.toString(null)).toBeNull();
    expect(util.toNumberSet(undefined)).toBeNull();
    expect(() => util.toNumber('1')).toThrow('util.dynamodb.toNumber: expected a number, got string');
    expect(() => util.toStringSet(['a', 1])).toThrow('expected an array of strings');
    expect(() => util.toMapValues([1])).toThrow('expected an object, got array');
  });

  it('round-trips S3 objects', () => {
    const stored = util.toS3Object('media/a.webp', 'bucket', 'eu-west-1');
    expect(stored).toEqual({ S: '{"s3":{"key":"media/a.webp","bucket":"bucket","region":"eu-west-1"}}' });
    expect(util.fromS3ObjectJson(stored.S)).toEqual({ key: 'media/a.webp', bucket: 'bucket', region: 'eu-west-1' });
    expect(util.fromS3ObjectJson(util.toS3Object('k', 'b', 'r', 'v1').S)).toEqual({ key: 'k', bucket: 'b', region: 'r', version: 'v1' });
    expect(() => util.fromS3ObjectJson('{"x":1}')).toThrow('expected {"s3"');
  });
});

describe('@aws-appsync/utils/dynamodb', () => {
  it('get with projection of nested paths', () => {
    expect(ddb.get!({ key: { PK: 'POST#1', SK: 'POST' }, consistentRead: true, projection: ['caption', 'media.sizes[0]', 'media.key'] })).toEqual({
      operation: 'GetItem',
      key: { PK: { S: 'POST#1' }, SK: { S: 'POST' } },
      consistentRead: true,
      projection: { expression: '#proj_0, #proj_1.#proj_2[0], #proj_1.#proj_3', expressionNames: { '#proj_0': 'caption', '#proj_1': 'media', '#proj_2': 'sizes', '#proj_3': 'key' } },
    });
  });

  it('put with a condition (a like exists once)', () => {
    expect(ddb.put!({ key: { PK: 'POST#1', SK: 'LIKE#u' }, item: { at: 5 }, condition: { PK: { attributeExists: false } } })).toEqual({
      operation: 'PutItem',
      key: { PK: { S: 'POST#1' }, SK: { S: 'LIKE#u' } },
      attributeValues: { at: { N: 5 } },
      condition: { expression: '(attribute_not_exists(#PK))', expressionNames: { '#PK': 'PK' }, expressionValues: {} },
    });
  });

  it('update mixes SET and REMOVE, nested paths, list items, and reuses names', () => {
    const r = ddb.update!({
      key: { id: 'x' },
      update: {
        likeCount: operations.increment(),
        caption: null,
        flags: operations.remove(),
        media: { width: 640 },
        tags: [operations.updateListItem('b', 1)],
      },
      condition: { status: { eq: 'APPROVED' } },
    });
    expect(r.update).toEqual({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1, #expName_4.#expName_5 = :expValue_2, #expName_6[1] = :expValue_3 REMOVE #expName_2, #expName_3',
      expressionNames: { '#expName_1': 'likeCount', '#expName_2': 'caption', '#expName_3': 'flags', '#expName_4': 'media', '#expName_5': 'width', '#expName_6': 'tags' },
      expressionValues: { ':expValue_1': { N: 1 }, ':expValue_2': { N: 640 }, ':expValue_3': { S: 'b' } },
    });
    expect(r.condition).toEqual({ expression: '(#status = :status_eq)', expressionNames: { '#status': 'status' }, expressionValues: { ':status_eq': { S: 'APPROVED' } } });
  });

  it('query builds a key condition whose placeholders cannot clash with the filter', () => {
    expect(ddb.query!({ query: { GSI1PK: { eq: 'FEED' }, GSI1SK: { lt: 'POST#9' } }, index: 'GSI1', limit: 20, nextToken: null, scanIndexForward: false, filter: { GSI1SK: { ne: 'x' } } })).toEqual({
      operation: 'Query',
      query: {
        expression: '#GSI1PK = :key_GSI1PK_eq AND #GSI1SK < :key_GSI1SK_lt',
        expressionNames: { '#GSI1PK': 'GSI1PK', '#GSI1SK': 'GSI1SK' },
        expressionValues: { ':key_GSI1PK_eq': { S: 'FEED' }, ':key_GSI1SK_lt': { S: 'POST#9' } },
      },
      index: 'GSI1',
      limit: 20,
      scanIndexForward: false,
      filter: { expression: '(#GSI1SK <> :GSI1SK_ne)', expressionNames: { '#GSI1SK': 'GSI1SK' }, expressionValues: { ':GSI1SK_ne': { S: 'x' } } },
    });
    expect(ddb.query!({ query: { PK: { eq: 'USER#1' }, SK: { beginsWith: 'TX#' } } }).query).toMatchObject({
      expression: '#PK = :key_PK_eq AND begins_with(#SK, :key_SK_beginsWith)',
    });
    expect(() => ddb.query!({ query: { PK: { contains: 'x' } } })).toThrow('query.PK: "contains" is not a key condition operator');
  });

  it('batch and transaction requests', () => {
    expect(ddb.batchGet!({ tables: { T: { keys: [{ id: '1' }, { id: 2 }] } } })).toEqual({
      operation: 'BatchGetItem',
      tables: { T: { keys: [{ id: { S: '1' } }, { id: { N: 2 } }] } },
    });
    expect(ddb.batchPut!({ tables: { T: [{ id: '1', n: 1 }] } })).toEqual({ operation: 'BatchPutItem', tables: { T: [{ id: { S: '1' }, n: { N: 1 } }] } });
    expect(ddb.batchDelete!({ tables: { T: [{ id: '1' }] } })).toEqual({ operation: 'BatchDeleteItem', tables: { T: [{ id: { S: '1' } }] } });
    expect(ddb.transactGet!({ items: [{ table: 'T', key: { id: '1' } }] })).toEqual({ operation: 'TransactGetItems', transactItems: [{ table: 'T', key: { id: { S: '1' } } }] });
    const tw = ddb.transactWrite!({
      items: [
        { putItem: { table: 'T', key: { PK: 'U', SK: 'EVENT#e' }, item: { at: 1 }, condition: { PK: { attributeExists: false } } } },
        { updateItem: { table: 'T', key: { PK: 'U', SK: 'WALLET' }, update: { balance: operations.increment(2) } } },
        { deleteItem: { table: 'T', key: { PK: 'U', SK: 'OLD' } } },
        { conditionCheck: { table: 'T', key: { PK: 'R', SK: 'REWARD' }, condition: { stock: { gt: 0 } } } },
      ],
    });
    expect((tw.transactItems as Record<string, unknown>[]).map((i) => i.operation)).toEqual(['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheck']);
    expect((tw.transactItems as Record<string, unknown>[])[0]!.condition).toEqual({ expression: '(attribute_not_exists(#PK))', expressionNames: { '#PK': 'PK' }, expressionValues: {} });
  });

  it('names the input at fault', () => {
    expect(() => ddb.get!({})).toThrow('ddb.get: "key" must be a non-empty object');
    expect(() => ddb.put!({ key: { id: { nested: 1 } }, item: {} })).toThrow('ddb.put: key.id must be a string or number');
    expect(() => ddb.update!({ key: { id: '1' }, update: {} })).toThrow('ddb.update: "update" has no attributes');
    expect(() => ddb.scan!({ filter: { a: { nope: 1 } } })).toThrow('ddb.scan: "filter" is not a valid filter object');
    expect(() => ddb.transactWrite!({ items: [{ put: {} }] })).toThrow('ddb.transactWrite: items[0] must be one of');
    expect(() => ddb.batchGet!({ tables: { T: { keys: [{}] } } })).toThrow('tables.T.keys[0]');
  });
});
