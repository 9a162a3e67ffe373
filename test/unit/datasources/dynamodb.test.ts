// The DynamoDB data source against real DynamoDB Local: AppSync request objects in (typed values with
// numbers as JSON numbers, as util.dynamodb makes them), AppSync-shaped results and errors out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import { createDynamoDBDataSource, type DynamoDBInvoke } from '../../../infra/local/datasources/dynamodb.js';
import { freePort, localDynamoDBClient, startDynamoDB, type DynamoDBLocal } from '../../../infra/local/services/index.js';
import { createTable } from '../../../infra/local/tables.js';

let ddb: DynamoDBLocal;
let ds: DynamoDBInvoke;
const TABLE = 'ds-test-main';

const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: n });
const key = (pk: string, sk: string) => ({ PK: S(pk), SK: S(sk) });

async function ok(request: unknown): Promise<any> {
  const out = await ds(request);
  if ('error' in out) throw new Error(`unexpected error ${JSON.stringify(out.error)}`);
  return out.result;
}

async function fails(request: unknown): Promise<any> {
  const out = await ds(request);
  if (!('error' in out)) throw new Error(`expected an error, got ${JSON.stringify(out.result)}`);
  return out.error;
}

beforeAll(async () => {
  ddb = await startDynamoDB({ port: await freePort() });
  const client = localDynamoDBClient(ddb.endpoint);
  await createTable(client, api.tables.main, TABLE);
  ds = createDynamoDBDataSource({ client, tableName: TABLE, tableNames: { main: TABLE } });
});

afterAll(async () => {
  await ddb?.stop();
});

describe('DynamoDB data source', () => {
  it('PutItem returns the written item as plain JSON; GetItem reads it back; a missing item is null', async () => {
    const put = await ok({
      operation: 'PutItem',
      key: key('POST#1', 'POST'),
      attributeValues: { caption: S('hi'), likeCount: N(0), tags: { SS: ['a', 'b'] }, media: { M: { width: N(640), variants: { L: [{ M: { key: S('k') } }] } } }, gone: { NULL: true } },
    });
    expect(put).toEqual({ PK: 'POST#1', SK: 'POST', caption: 'hi', likeCount: 0, tags: ['a', 'b'], media: { width: 640, variants: [{ key: 'k' }] }, gone: null });
    expect(await ok({ operation: 'GetItem', key: key('POST#1', 'POST'), consistentRead: true })).toEqual(put);
    expect(await ok({ operation: 'GetItem', key: key('POST#404', 'POST') })).toBeNull();
  });

  it('a failed condition → DynamoDB:ConditionalCheckFailedException with the current item as data', async () => {
    const err = await fails({
      operation: 'PutItem',
      key: key('POST#1', 'POST'),
      attributeValues: { caption: S('again') },
      condition: { expression: 'attribute_not_exists(#pk)', expressionNames: { '#pk': 'PK' } },
    });
    expect(err.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(err.message).toMatch(/conditional request failed/i);
    expect(err.data).toMatchObject({ PK: 'POST#1', caption: 'hi' });
  });

  it('UpdateItem returns ALL_NEW; DeleteItem returns the deleted item', async () => {
    const updated = await ok({
      operation: 'UpdateItem',
      key: key('POST#1', 'POST'),
      update: { expression: 'ADD #n :one SET caption = :c', expressionNames: { '#n': 'likeCount' }, expressionValues: { ':one': N(1), ':c': S('edited') } },
      condition: { expression: 'attribute_exists(PK)' },
    });
    expect(updated).toMatchObject({ likeCount: 1, caption: 'edited' });
    await ok({ operation: 'PutItem', key: key('TMP', 'X'), attributeValues: { v: N(7) } });
    expect(await ok({ operation: 'DeleteItem', key: key('TMP', 'X') })).toEqual({ PK: 'TMP', SK: 'X', v: 7 });
    expect(await ok({ operation: 'GetItem', key: key('TMP', 'X') })).toBeNull();
  });

  it('Query pages with limit + opaque nextToken, on the table and on a sparse index, both directions', async () => {
    for (let i = 1; i <= 5; i += 1) {
      await ok({ operation: 'PutItem', key: key('POST#q', `COMMENT#0${i}`), attributeValues: { text: S(`c${i}`), feedPK: S('FEED'), feedSK: S(`2026-01-0${i}#q${i}`) } });
    }
    const q = { expression: 'PK = :pk AND begins_with(SK, :c)', expressionValues: { ':pk': S('POST#q'), ':c': S('COMMENT#') } };
    const first = await ok({ operation: 'Query', query: q, limit: 2 });
    expect(first.items.map((i: any) => i.text)).toEqual(['c1', 'c2']);
    expect(typeof first.nextToken).toBe('string');
    expect(first.scannedCount).toBe(2);
    const second = await ok({ operation: 'Query', query: q, limit: 2, nextToken: first.nextToken });
    expect(second.items.map((i: any) => i.text)).toEqual(['c3', 'c4']);
    const feed = await ok({ operation: 'Query', index: 'feed', query: { expression: 'feedPK = :f', expressionValues: { ':f': S('FEED') } }, scanIndexForward: false, limit: 3 });
    expect(feed.items.map((i: any) => i.text)).toEqual(['c5', 'c4', 'c3']);
    const last = await ok({ operation: 'Query', query: q, nextToken: second.nextToken });
    expect(last.items.map((i: any) => i.text)).toEqual(['c5']);
    expect(last.nextToken).toBeNull();
  });

  it('a Query with a filter and a projection', async () => {
    const out = await ok({
      operation: 'Query',
      query: { expression: 'PK = :pk', expressionValues: { ':pk': S('POST#q') } },
      filter: { expression: '#t = :t', expressionNames: { '#t': 'text' }, expressionValues: { ':t': S('c2') } },
      projection: { expression: '#t', expressionNames: { '#t': 'text' } },
    });
    expect(out.items).toEqual([{ text: 'c2' }]);
    expect(out.scannedCount).toBe(5);
  });

  it('BatchGetItem keeps the order of the keys, null for missing ones, keyed by the table name given', async () => {
    const out = await ok({
      operation: 'BatchGetItem',
      tables: { main: { keys: [key('POST#q', 'COMMENT#03'), key('NOPE', 'NOPE'), key('POST#q', 'COMMENT#01')] } },
    });
    expect(out.data.main.map((i: any) => i?.text ?? null)).toEqual(['c3', null, 'c1']);
    expect(out.unprocessedKeys).toEqual({ main: [] });
  });

  it('BatchPutItem and BatchDeleteItem', async () => {
    const put = await ok({ operation: 'BatchPutItem', tables: { main: [{ ...key('B', '1'), v: N(1) }, { ...key('B', '2'), v: N(2) }] } });
    expect(put.data.main).toEqual([{ PK: 'B', SK: '1', v: 1 }, { PK: 'B', SK: '2', v: 2 }]);
    const del = await ok({ operation: 'BatchDeleteItem', tables: { main: [key('B', '1'), key('B', '2')] } });
    expect(del.data.main).toEqual([{ PK: 'B', SK: '1' }, { PK: 'B', SK: '2' }]);
    expect(await ok({ operation: 'GetItem', key: key('B', '1') })).toBeNull();
  });

  it('TransactWriteItems returns the keys; a failed condition cancels with one reason per item', async () => {
    const ok1 = await ok({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'main', operation: 'PutItem', key: key('USER#u', 'WALLET'), attributeValues: { balance: N(10) }, condition: { expression: 'attribute_not_exists(PK)' } },
        { table: 'main', operation: 'PutItem', key: key('USER#u', 'TX#1'), attributeValues: { amount: N(10) } },
      ],
    });
    expect(ok1.keys).toEqual([{ PK: 'USER#u', SK: 'WALLET' }, { PK: 'USER#u', SK: 'TX#1' }]);

    const err = await fails({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'main', operation: 'PutItem', key: key('USER#u', 'REDEEM#r1'), attributeValues: { cost: N(50) }, condition: { expression: 'attribute_not_exists(PK)' } },
        { table: 'main', operation: 'UpdateItem', key: key('USER#u', 'WALLET'), update: { expression: 'ADD balance :m', expressionValues: { ':m': N(-50) } }, condition: { expression: 'balance >= :c', expressionValues: { ':c': N(50) } } },
      ],
    });
    expect(err.type).toBe('DynamoDB:TransactionCanceledException');
    expect(err.cancellationReasons).toEqual([
      { type: 'None', message: 'null' },
      { type: 'ConditionalCheckFailed', message: expect.stringMatching(/conditional request failed/i) },
    ]);
    expect(await ok({ operation: 'GetItem', key: key('USER#u', 'REDEEM#r1') })).toBeNull();
  });

  it('TransactGetItems returns items in order', async () => {
    const out = await ok({ operation: 'TransactGetItems', transactItems: [{ table: 'main', key: key('USER#u', 'WALLET') }, { table: 'main', key: key('USER#u', 'NOPE') }] });
    expect(out.items).toEqual([{ PK: 'USER#u', SK: 'WALLET', balance: 10 }, null]);
  });

  it('bad requests and DynamoDB validation errors come back as ctx.error, naming what is wrong', async () => {
    expect((await fails({ operation: 'Frobnicate' })).message).toMatch(/unsupported DynamoDB operation "Frobnicate"/);
    expect((await fails({ operation: 'GetItem', key: { PK: 'plain' } })).message).toMatch(/key\.PK: expected a DynamoDB typed value/);
    const v = await fails({ operation: 'GetItem', key: { PK: S('only-pk') } });
    expect(v.type).toBe('DynamoDB:DynamoDbException');
    expect(v.message).toMatch(/Status Code: 400/);
    expect((await fails({ operation: 'Query', query: { expression: 'PK = :p', expressionValues: { ':p': S('x') } }, nextToken: 'garbage!' })).message).toMatch(/nextToken/);
  });
});
