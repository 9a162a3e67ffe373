// DynamoDB Local as the project runs it: loopback only, transactions, streams, persistence.
import { createServer, type Server } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import {
  checkJava,
  freePort,
  localDynamoDBClient,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynamoDB,
  type DynamoDBLocal,
} from '../../../infra/local/services/index.js';
import { acceptsConnection, listeningAddresses } from '../../support/services.js';

let ddb: DynamoDBLocal;
let client: DynamoDBClient;
let startMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  ddb = await startDynamoDB({ port: await freePort() });
  startMs = performance.now() - t0;
  client = localDynamoDBClient(ddb.endpoint);
});

afterAll(async () => {
  client?.destroy();
  await ddb?.stop();
});

async function createStreamTable(name: string): Promise<string> {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        { AttributeName: 'SK', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  const table = await client.send(new DescribeTableCommand({ TableName: name }));
  const arn = table.Table?.LatestStreamArn;
  if (!arn) throw new Error('table has no stream');
  return arn;
}

async function readStream(streamArn: string): Promise<_Record[]> {
  const streams = new DynamoDBStreamsClient({ endpoint: ddb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const description = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const records: _Record[] = [];
    for (const shard of description.StreamDescription?.Shards ?? []) {
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
      records.push(...(page.Records ?? []));
    }
    return records;
  } finally {
    streams.destroy();
  }
}

describe('DynamoDB Local', () => {
  it('starts within a few seconds and answers ListTables', async () => {
    console.info(`[measure] DynamoDB Local start (in memory): ${startMs.toFixed(0)} ms`);
    expect(startMs).toBeLessThan(20_000);
    const tables = await client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toBeDefined();
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(listeningAddresses(ddb.port)).toEqual(['127.0.0.1']);
    expect(await acceptsConnection('127.0.0.1', ddb.port)).toBe(true);
    // A socket on all interfaces would also accept 127.0.0.2; one bound to 127.0.0.1 does not.
    expect(await acceptsConnection('127.0.0.2', ddb.port)).toBe(false);
  });

  it('cancels a transaction with a failed condition, reports CancellationReasons, and streams only committed writes', async () => {
    const arn = await createStreamTable('tx-stream');
    await client.send(new PutItemCommand({ TableName: 'tx-stream', Item: { PK: { S: 'USER#1' }, SK: { S: 'WALLET' }, balance: { N: '5' } } }));

    const cancelled = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'tx-stream', Item: { PK: { S: 'USER#1' }, SK: { S: 'TX#01' }, amount: { N: '-10' } } } },
          {
            Update: {
              TableName: 'tx-stream',
              Key: { PK: { S: 'USER#1' }, SK: { S: 'WALLET' } },
              UpdateExpression: 'SET balance = balance - :price',
              ConditionExpression: 'balance >= :price',
              ExpressionAttributeValues: { ':price': { N: '10' } },
            },
          },
        ],
      }),
    );
    const error = await cancelled.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed']);

    // A transaction that passes writes both items atomically.
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'tx-stream', Item: { PK: { S: 'USER#1' }, SK: { S: 'TX#02' }, amount: { N: '-5' } } } },
          {
            Update: {
              TableName: 'tx-stream',
              Key: { PK: { S: 'USER#1' }, SK: { S: 'WALLET' } },
              UpdateExpression: 'SET balance = balance - :price',
              ConditionExpression: 'balance >= :price',
              ExpressionAttributeValues: { ':price': { N: '5' } },
            },
          },
        ],
      }),
    );

    const records = await readStream(arn);
    const seen = records.map((r) => `${r.eventName} ${r.dynamodb?.Keys?.SK?.S}`);
    expect(seen).toEqual(['INSERT WALLET', 'INSERT TX#02', 'MODIFY WALLET']);
    const walletUpdate = records[2].dynamodb;
    expect(walletUpdate?.OldImage?.balance?.N).toBe('5');
    expect(walletUpdate?.NewImage?.balance?.N).toBe('0');
  });
});

describe('DynamoDB Local start-up errors and persistence', () => {
  it('refuses a taken port with a one-line message naming the flag', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      await expect(startDynamoDB({ port })).rejects.toThrow(
        `port ${port} (DynamoDB Local) is already in use — stop what uses it or pass --dynamodb-port`,
      );
    } finally {
      blocker.close();
    }
  });

  it('explains a missing java in one line', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(checkJava()).rejects.toThrow(
        'java not found: install Java 17+ (Debian: apt-get install openjdk-17-jre-headless)',
      );
    } finally {
      process.env.PATH = path;
    }
    expect(await checkJava()).toBeGreaterThanOrEqual(17);
  });

  it('keeps tables in the data folder across restarts, and stop() ends the java process', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ddb-persist-'));
    try {
      const port = await freePort();
      const first = await startDynamoDB({ port, dataDir });
      const c1 = localDynamoDBClient(first.endpoint);
      await c1.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        }),
      );
      c1.destroy();
      await first.stop();
      expect(() => process.kill(first.pid, 0)).toThrow(); // the JVM is gone
      expect(await acceptsConnection('127.0.0.1', port)).toBe(false);

      const second = await startDynamoDB({ port, dataDir });
      const c2 = localDynamoDBClient(second.endpoint);
      try {
        expect((await c2.send(new ListTablesCommand({}))).TableNames).toEqual(['kept']);
      } finally {
        c2.destroy();
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
