// The local event sources against real DynamoDB Local and the S3 emulator: the stream poller (filters,
// batches, Lambda record shapes, partial batch failures, retries, dead letters, checkpoints), S3
// object-created routing and schedules. The invoked "functions" here are recording stand-ins, so each
// behaviour of the mapping itself can be asserted; the real functions run through it in the stack tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutItemCommand, DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDescription, FunctionDef } from '../../../infra/api/types.js';
import { api } from '../../../infra/api/index.js';
import { createDeadLetterStore } from '../../../infra/local/events/dead-letters.js';
import { routeS3Events } from '../../../infra/local/events/s3-events.js';
import { parseRate, startSchedules } from '../../../infra/local/events/schedules.js';
import { localStreamsClient, startStreamPoller, type LambdaStreamRecord } from '../../../infra/local/events/stream-poller.js';
import { freePorts, localDynamoDBClient, localS3Client, startDynamoDB, startS3, type DynamoDBLocal, type S3Local } from '../../../infra/local/services/index.js';
import { createTable, uniqueTableName } from '../../support/table.js';

let ddb: DynamoDBLocal;
let s3: S3Local;
let client: DynamoDBClient;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'events-test-'));
  const [ddbPort, s3Port] = await freePorts(2);
  [ddb, s3] = await Promise.all([startDynamoDB({ port: ddbPort }), startS3({ port: s3Port, dataDir: join(dir, 's3'), buckets: ['media'] })]);
  client = localDynamoDBClient(ddb.endpoint);
});
afterAll(async () => {
  await Promise.allSettled([ddb?.stop(), s3?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

const fn = (triggers: FunctionDef['triggers']): FunctionDef => ({ dir: 'x', description: 'test', memoryMb: 128, timeoutSeconds: 5, grants: [], triggers });
const put = (table: string, PK: string, SK: string, extra: Record<string, { S: string }> = {}) =>
  client.send(new PutItemCommand({ TableName: table, Item: { PK: { S: PK }, SK: { S: SK }, ...extra } }));

async function setup(functions: Record<string, FunctionDef>, handlers: Record<string, (event: { Records: LambdaStreamRecord[] }) => unknown>, extra: { checkpointFile?: string } = {}) {
  const table = uniqueTableName('events');
  await createTable(client, api.tables.main, table);
  const deadLetters = createDeadLetterStore(join(dir, `${table}.dead-letters.jsonl`));
  const testApi: Pick<ApiDescription, 'functions' | 'tables'> = { functions, tables: { main: api.tables.main } };
  const poller = await startStreamPoller({
    api: testApi,
    tableNames: { main: table },
    dynamodb: client,
    streams: localStreamsClient(ddb.endpoint),
    invoke: async (name, event) => handlers[name](event as { Records: LambdaStreamRecord[] }),
    deadLetters,
    pollMs: 50,
    retryDelayMs: 10,
    shardRefreshMs: 500,
    ...extra,
  });
  return { table, poller, deadLetters };
}

describe('stream poller', () => {
  it('delivers only matching records, in order, in batches of batchSize, shaped as Lambda sends them', async () => {
    const seen: LambdaStreamRecord[][] = [];
    const { table, poller } = await setup(
      { rewards: fn([{ kind: 'dynamodb-stream', table: 'main', batchSize: 2, skPrefixes: ['LIKE#', 'POST'], eventNames: ['INSERT'], maxRetries: 1 }]) },
      { rewards: (e) => void seen.push(e.Records) },
    );
    try {
      await put(table, 'POST#1', 'POST', { caption: { S: 'hi' } });
      await put(table, 'POST#1', 'LIKE#u1');
      await put(table, 'POST#1', 'COMMENT#c1'); // filtered: SK prefix
      await put(table, 'USER#u1', 'WALLET'); // filtered
      await put(table, 'POST#1', 'LIKE#u2');
      await put(table, 'POST#1', 'POST', { caption: { S: 'edited' } }); // MODIFY: filtered by event name
      await client.send(new DeleteItemCommand({ TableName: table, Key: { PK: { S: 'POST#1' }, SK: { S: 'LIKE#u1' } } })); // REMOVE
      await poller.settle();
      const flat = seen.flat();
      expect(flat.map((r) => r.dynamodb.Keys?.SK)).toEqual([{ S: 'POST' }, { S: 'LIKE#u1' }, { S: 'LIKE#u2' }]);
      expect(seen.every((batch) => batch.length <= 2)).toBe(true);
      const first = flat[0];
      expect(first).toMatchObject({
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        eventSourceARN: expect.stringContaining(`table/${table}/stream/`),
        dynamodb: { NewImage: { caption: { S: 'hi' } }, StreamViewType: 'NEW_AND_OLD_IMAGES', SequenceNumber: expect.any(String) },
      });
      expect(typeof first.dynamodb.ApproximateCreationDateTime).toBe('number');
    } finally {
      await poller.stop();
    }
  });

  it('honours batchItemFailures: retries from the first failed record, then dead-letters after maxRetries', async () => {
    const calls: string[][] = [];
    const { table, poller, deadLetters } = await setup(
      { rewards: fn([{ kind: 'dynamodb-stream', table: 'main', batchSize: 10, skPrefixes: ['LIKE#'], maxRetries: 2 }]) },
      {
        rewards: (e) => {
          calls.push(e.Records.map((r) => r.dynamodb.Keys!.SK.S as string));
          const bad = e.Records.find((r) => r.dynamodb.Keys!.SK.S === 'LIKE#bad');
          return { batchItemFailures: bad ? [{ itemIdentifier: bad.dynamodb.SequenceNumber }] : [] };
        },
      },
    );
    try {
      for (const who of ['a', 'bad', 'c']) await put(table, 'POST#2', `LIKE#${who}`);
      await poller.settle();
      // a, bad, c came in one or more reads; once "bad" fails, it and everything after it are retried
      const retried = calls.filter((c) => c.includes('LIKE#bad'));
      expect(retried.length).toBe(3); // 1 + maxRetries
      expect(calls.flat().filter((k) => k === 'LIKE#a')).toHaveLength(1); // a was done, not retried
      const letters = deadLetters.read();
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ source: 'dynamodb-stream', function: 'rewards', attempts: 3, error: expect.stringMatching(/batchItemFailures/) });
      const parked = (letters[0].payload as { Records: LambdaStreamRecord[] }).Records.map((r) => r.dynamodb.Keys!.SK.S);
      expect(parked[0]).toBe('LIKE#bad');
      // the stream moves on: later records are still delivered
      await put(table, 'POST#2', 'LIKE#later');
      await poller.settle();
      expect(calls.flat()).toContain('LIKE#later');
    } finally {
      await poller.stop();
    }
  });

  it('a throwing function retries the whole batch, then parks it; one function failing does not block another', async () => {
    let okCalls = 0;
    const { table, poller, deadLetters } = await setup(
      {
        broken: fn([{ kind: 'dynamodb-stream', table: 'main', batchSize: 5, maxRetries: 1 }]),
        fine: fn([{ kind: 'dynamodb-stream', table: 'main', batchSize: 5, maxRetries: 1 }]),
      },
      {
        broken: () => {
          throw new Error('boom');
        },
        fine: (e) => void (okCalls += e.Records.length),
      },
    );
    try {
      await put(table, 'X#1', 'A');
      await poller.settle();
      expect(okCalls).toBe(1);
      expect(deadLetters.read()).toMatchObject([{ function: 'broken', attempts: 2, error: 'boom' }]);
    } finally {
      await poller.stop();
    }
  });

  it('resumes from its checkpoint after a restart: no replay, nothing skipped', async () => {
    const checkpointFile = join(dir, 'checkpoints.json');
    const got: string[] = [];
    const functions = { rewards: fn([{ kind: 'dynamodb-stream', table: 'main', batchSize: 10, maxRetries: 0 }]) };
    const handlers = { rewards: (e: { Records: LambdaStreamRecord[] }) => void got.push(...e.Records.map((r) => r.dynamodb.Keys!.SK.S as string)) };
    const first = await setup(functions, handlers, { checkpointFile });
    await put(first.table, 'K', '1');
    await first.poller.settle();
    await first.poller.stop();
    await put(first.table, 'K', '2'); // written while nobody polls
    const second = await startStreamPoller({
      api: { functions, tables: { main: api.tables.main } },
      tableNames: { main: first.table },
      dynamodb: client,
      streams: localStreamsClient(ddb.endpoint),
      invoke: async (name, event) => handlers.rewards(event as { Records: LambdaStreamRecord[] }),
      deadLetters: first.deadLetters,
      checkpointFile,
      pollMs: 50,
    });
    try {
      await second.settle();
      expect(got).toEqual(['1', '2']);
    } finally {
      await second.stop();
    }
  });
});

describe('S3 object-created events', () => {
  it('invoke the function whose trigger matches bucket and prefix, with an S3Event; failures dead-letter after 3 attempts', async () => {
    const events: any[] = [];
    let failNext = 0;
    const deadLetters = createDeadLetterStore(join(dir, 's3.dead-letters.jsonl'));
    const router = routeS3Events({
      api: { functions: { image: fn([{ kind: 's3-object-created', bucket: 'media', prefix: 'uploads/' }]) } },
      bucketNames: { media: 'media' },
      onObjectCreated: s3.onObjectCreated,
      invoke: async (_name, event) => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error('not an image');
        }
        events.push(event);
      },
      deadLetters,
      retryDelayMs: 5,
    });
    const s3c = localS3Client(s3.endpoint);
    try {
      await s3c.send(new PutObjectCommand({ Bucket: 'media', Key: 'uploads/u1/my photo.png', Body: 'x' }));
      await s3c.send(new PutObjectCommand({ Bucket: 'media', Key: 'media/u1/ignored.webp', Body: 'y' }));
      await new Promise((r) => setTimeout(r, 100));
      await router.settle();
      expect(events).toHaveLength(1);
      expect(events[0].Records[0]).toMatchObject({
        eventSource: 'aws:s3',
        eventName: expect.stringMatching(/^ObjectCreated:/),
        s3: { bucket: { name: 'media', arn: 'arn:aws:s3:::media' }, object: { key: 'uploads/u1/my+photo.png', size: 1 } },
      });

      failNext = 3;
      await s3c.send(new PutObjectCommand({ Bucket: 'media', Key: 'uploads/u1/bad.png', Body: 'z' }));
      await new Promise((r) => setTimeout(r, 100));
      await router.settle();
      expect(deadLetters.read()).toMatchObject([{ source: 's3', function: 'image', attempts: 3, error: 'not an image' }]);
    } finally {
      await router.stop();
    }
  });
});

describe('schedules', () => {
  it('parse rate expressions as EventBridge does', () => {
    expect(parseRate('rate(1 hour)')).toBe(3_600_000);
    expect(parseRate('rate(5 minutes)')).toBe(300_000);
    expect(parseRate('rate(2 days)')).toBe(172_800_000);
    expect(() => parseRate('rate(1 hours)')).toThrow(/use "hour"/);
    expect(() => parseRate('rate(0 minutes)')).toThrow(/positive/);
    expect(() => parseRate('cron(0 12 * * ? *)')).toThrow(/only rate/);
  });

  it('trigger a scheduled function on demand with a Scheduled Event', async () => {
    const deadLetters = createDeadLetterStore(join(dir, 'schedule.dead-letters.jsonl'));
    const seen: any[] = [];
    const schedules = startSchedules({
      api: { functions: { reconcile: fn([{ kind: 'schedule', expression: 'rate(1 hour)' }]), other: fn([]) } },
      invoke: async (_n, e) => {
        seen.push(e);
        return { wallets: 0 };
      },
      deadLetters,
      timers: false,
    });
    expect(schedules.entries).toEqual({ reconcile: 3_600_000 });
    expect(await schedules.trigger('reconcile')).toEqual({ wallets: 0 });
    expect(seen[0]).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', resources: [expect.stringContaining('rule/reconcile')] });
    await expect(schedules.trigger('other')).rejects.toThrow(/no schedule/);
    await schedules.stop();
  });
});
