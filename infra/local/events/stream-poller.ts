// The local DynamoDB Streams → Lambda event source mapping. For each stream-triggered function in the API
// description it reads the table's DynamoDB Local stream, shard by shard, in order, and calls the function
// with DynamoDBStreamEvent batches shaped as Lambda delivers them. Like the AWS mapping it:
// - applies the trigger's filter (SK prefixes, event names): filtered-out records are skipped for good;
// - honours partial batch responses ({batchItemFailures: [{itemIdentifier: <SequenceNumber>}]}): records
//   before the first failure count as done, the rest is retried;
// - retries a failing batch up to maxRetries times, then parks its records in the dead-letter store and
//   moves on — never dropping a record silently;
// - keeps each function's position per shard (a checkpoint file in the data folder), so a restart resumes
//   where it stopped instead of replaying or skipping.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { ApiDescription, Trigger } from '../../api/types.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../services/dynamodb.js';
import type { DeadLetterStore, InvokeFunction } from './dead-letters.js';

type StreamTrigger = Extract<Trigger, { kind: 'dynamodb-stream' }>;

/** A DynamoDB attribute value in the event's JSON form ({S: "x"}, {N: "1"}, {M: {...}}, binaries base64). */
export type AttributeValueJson = { S?: string; N?: string; B?: string; BOOL?: boolean; NULL?: boolean; M?: Record<string, AttributeValueJson>; L?: AttributeValueJson[]; SS?: string[]; NS?: string[]; BS?: string[] };

/** One record of a DynamoDBStreamEvent as Lambda delivers it (aws-lambda's DynamoDBRecord). */
export interface LambdaStreamRecord {
  eventID?: string;
  eventName?: string;
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  eventSourceARN: string;
  userIdentity?: unknown;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, AttributeValueJson>;
    NewImage?: Record<string, AttributeValueJson>;
    OldImage?: Record<string, AttributeValueJson>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
}

export interface StreamPollerOptions {
  api: Pick<ApiDescription, 'functions' | 'tables'>;
  /** logical table name → physical table name */
  tableNames: Record<string, string>;
  dynamodb: DynamoDBClient;
  /** a Streams client on the same endpoint */
  streams: DynamoDBStreamsClient;
  invoke: InvokeFunction;
  deadLetters: DeadLetterStore;
  /** keep positions here (JSON); without it every start begins at `startFrom` */
  checkpointFile?: string;
  /** where a function starts on a shard it has no checkpoint for. Default TRIM_HORIZON (nothing missed). */
  startFrom?: 'TRIM_HORIZON' | 'LATEST';
  /** wait between empty reads. Default 200 ms. */
  pollMs?: number;
  /** base delay between retries of a failed batch (grows linearly). Default 200 ms. */
  retryDelayMs?: number;
  /** how often to look for new shards. Default 5 s. */
  shardRefreshMs?: number;
  region?: string;
  /** only these functions (tests); default every stream-triggered function */
  only?: string[];
  onError?: (err: unknown, where: string) => void;
}

export interface StreamPoller {
  /** consumers: one per (function, trigger) */
  readonly consumers: string[];
  /** Resolves once every consumer has read its shards to the end after this call (nothing pending). */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Stream record → the Lambda event record: epoch-second creation time, base64 binaries, the source ARN. */
export function toLambdaRecord(record: StreamRecord, streamArn: string): LambdaStreamRecord {
  const ddb = record.dynamodb ?? {};
  const created = ddb.ApproximateCreationDateTime as Date | number | undefined;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
    dynamodb: JSON.parse(
      JSON.stringify(
        {
          ...ddb,
          ApproximateCreationDateTime: created instanceof Date ? Math.floor(created.getTime() / 1000) : created,
        },
        (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
      ),
    ) as LambdaStreamRecord['dynamodb'],
  };
}

/** The event source mapping's filter: event name and SK prefix (both lists optional). */
export function matchesTrigger(record: StreamRecord, trigger: StreamTrigger, sortKey: string): boolean {
  if (trigger.eventNames && !trigger.eventNames.includes(record.eventName as 'INSERT')) return false;
  if (trigger.skPrefixes) {
    const sk = record.dynamodb?.Keys?.[sortKey]?.S;
    if (sk === undefined || !trigger.skPrefixes.some((p) => sk.startsWith(p))) return false;
  }
  return true;
}

type Checkpoints = Record<string, Record<string, string>>; // consumer → shardId → last done sequence number | 'END'

function loadCheckpoints(file: string | undefined): Checkpoints {
  if (!file || !existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Checkpoints;
  } catch {
    return {};
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStreamPoller(opts: StreamPollerOptions): Promise<StreamPoller> {
  const pollMs = opts.pollMs ?? 200;
  const retryDelayMs = opts.retryDelayMs ?? 200;
  const checkpoints = loadCheckpoints(opts.checkpointFile);
  let stopped = false;
  let wake: () => void = () => undefined;
  const stopSignal = new Promise<void>((r) => (wake = r));
  // sleeps end early on stop(), so shutting down never waits out a poll interval
  const nap = (ms: number) => Promise.race([sleep(ms), stopSignal]);
  const onError = opts.onError ?? ((err, where) => console.error(`[streams] ${where}: ${err instanceof Error ? err.message : String(err)}`));

  const saveCheckpoints = (): void => {
    if (!opts.checkpointFile) return;
    mkdirSync(dirname(opts.checkpointFile), { recursive: true });
    const tmp = `${opts.checkpointFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(checkpoints));
    renameSync(tmp, opts.checkpointFile);
  };

  // Resolve every stream-triggered function to its table's stream.
  interface Consumer {
    name: string;
    functionName: string;
    trigger: StreamTrigger;
    streamArn: string;
    sortKey: string;
    /** settle(): bumped when a read came back empty with nothing pending */
    idleReads: number;
    busy: boolean;
  }
  const consumers: Consumer[] = [];
  const streamArns = new Map<string, string>();
  for (const [functionName, def] of Object.entries(opts.api.functions)) {
    if (opts.only && !opts.only.includes(functionName)) continue;
    for (const [i, trigger] of (def.triggers ?? []).entries()) {
      if (trigger.kind !== 'dynamodb-stream') continue;
      const tableName = opts.tableNames[trigger.table];
      const tableDef = opts.api.tables[trigger.table];
      if (!tableName || !tableDef) throw new Error(`function ${functionName}: trigger table "${trigger.table}" has no local table`);
      let streamArn = streamArns.get(tableName);
      if (!streamArn) {
        const described = await opts.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
        streamArn = described.Table?.LatestStreamArn;
        if (!streamArn) throw new Error(`table ${tableName} has no stream: create it from the API description (infra/local/tables.ts)`);
        streamArns.set(tableName, streamArn);
      }
      consumers.push({ name: `${functionName}#${i}`, functionName, trigger, streamArn, sortKey: tableDef.sortKey, idleReads: 0, busy: false });
    }
  }

  const listShards = async (streamArn: string): Promise<Shard[]> => {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await opts.streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  };

  /** Deliver one filtered batch with retries; returns when it is done or parked. */
  const deliver = async (c: Consumer, batch: LambdaStreamRecord[]): Promise<void> => {
    let pending = batch;
    let lastError = '';
    for (let attempt = 0; attempt <= c.trigger.maxRetries; attempt += 1) {
      if (attempt > 0) await nap(retryDelayMs * attempt);
      if (stopped) return;
      let failedFrom = -1;
      try {
        const result = (await opts.invoke(c.functionName, { Records: pending })) as { batchItemFailures?: { itemIdentifier?: string }[] } | undefined;
        const failures = result?.batchItemFailures ?? [];
        if (failures.length === 0) return;
        // the lowest failed record: everything before it is done; an unknown identifier fails the whole batch
        const indexes = failures.map((f) => pending.findIndex((r) => r.dynamodb.SequenceNumber === f.itemIdentifier));
        failedFrom = indexes.some((i) => i < 0) ? 0 : Math.min(...indexes);
        lastError = `batchItemFailures: ${failures.map((f) => f.itemIdentifier).join(', ')}`;
      } catch (err) {
        failedFrom = 0;
        lastError = err instanceof Error ? err.message : String(err);
      }
      pending = pending.slice(failedFrom);
    }
    opts.deadLetters.write({
      source: 'dynamodb-stream',
      function: c.functionName,
      attempts: c.trigger.maxRetries + 1,
      error: lastError,
      payload: { Records: pending },
    });
  };

  /** Read one shard to its end (or forever while it is open). */
  const consumeShard = async (c: Consumer, shard: Shard): Promise<void> => {
    const shardId = shard.ShardId!;
    const marks = (checkpoints[c.name] ??= {});
    const iteratorFrom = async (): Promise<string | undefined> => {
      const after = marks[shardId];
      const out = await opts.streams.send(
        new GetShardIteratorCommand({
          StreamArn: c.streamArn,
          ShardId: shardId,
          ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: opts.startFrom ?? 'TRIM_HORIZON' }),
        }),
      );
      return out.ShardIterator;
    };
    let iterator = await iteratorFrom();
    while (!stopped && iterator) {
      let records: StreamRecord[];
      let next: string | undefined;
      try {
        const out = await opts.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records = out.Records ?? [];
        next = out.NextShardIterator;
      } catch (err) {
        if (stopped) return;
        onError(err, `${c.name} GetRecords on ${shardId}`);
        await nap(1000);
        iterator = await iteratorFrom().catch(() => undefined);
        continue;
      }
      if (records.length === 0) {
        c.idleReads += 1;
        if (!next) break; // closed shard, drained
        iterator = next;
        await nap(pollMs);
        continue;
      }
      c.busy = true;
      const matching = records.filter((r) => matchesTrigger(r, c.trigger, c.sortKey)).map((r) => toLambdaRecord(r, c.streamArn));
      for (let i = 0; i < matching.length && !stopped; i += c.trigger.batchSize) {
        await deliver(c, matching.slice(i, i + c.trigger.batchSize));
      }
      if (stopped) return; // keep the old checkpoint: the batch is redelivered next start
      marks[shardId] = records[records.length - 1].dynamodb!.SequenceNumber!;
      saveCheckpoints();
      c.busy = false;
      iterator = next;
    }
    if (!stopped && !iterator) {
      marks[shardId] = marks[shardId] ?? 'END';
    }
  };

  /** One consumer: follow its stream's shards, parents before children. */
  const run = async (c: Consumer): Promise<void> => {
    const running = new Map<string, Promise<void>>();
    const done = new Set<string>();
    while (!stopped) {
      let shards: Shard[] = [];
      try {
        shards = await listShards(c.streamArn);
      } catch (err) {
        if (!stopped) onError(err, `${c.name} DescribeStream`);
      }
      for (const shard of shards) {
        const id = shard.ShardId!;
        if (running.has(id)) continue;
        const parent = shard.ParentShardId;
        if (parent && shards.some((s) => s.ShardId === parent) && !done.has(parent)) continue; // parent first
        running.set(
          id,
          consumeShard(c, shard)
            .catch((err) => onError(err, `${c.name} shard ${id}`))
            .finally(() => done.add(id)),
        );
      }
      await nap(opts.shardRefreshMs ?? 5000);
    }
    await Promise.allSettled(running.values());
  };

  const loops = consumers.map((c) => run(c));

  return {
    consumers: consumers.map((c) => c.name),
    async settle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      // two empty reads after now: the first may have started before the caller's writes reached the stream
      const targets = consumers.map((c) => c.idleReads + 2);
      while (consumers.some((c, i) => c.busy || c.idleReads < targets[i])) {
        if (Date.now() > deadline) throw new Error(`stream poller: not settled within ${timeoutMs} ms`);
        await sleep(Math.min(pollMs, 50));
      }
    },
    async stop() {
      stopped = true;
      wake();
      await Promise.allSettled(loops);
      saveCheckpoints();
    },
  };
}

/** A Streams client for DynamoDB Local (same endpoint and static credentials as the table client). */
export function localStreamsClient(endpoint: string, region = LOCAL_REGION): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
}
