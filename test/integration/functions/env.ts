// Shared setup for the function integration tests: real DynamoDB Local + S3 emulator (test/support/services.ts),
// the API's table created from infra/api/index.ts, and the environment the handlers read.
import './quiet.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { api } from '../../../infra/api/index.js';
import { startServices, type TestServices } from '../../support/services.js';
import { createTable, uniqueTableName } from '../../support/table.js';

export { streamEvent, streamRecord } from './records.js';

export interface FunctionTestEnv {
  services: TestServices;
  table: string;
  streamArn: string;
  bucket: string;
  client: DynamoDBClient;
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startFunctionEnv(prefix: string): Promise<FunctionTestEnv> {
  const bucket = 'media';
  const services = await startServices({ buckets: [bucket] });
  const client = new DynamoDBClient({
    endpoint: services.dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const table = uniqueTableName(prefix);
  const { streamArn } = await createTable(client, api.tables.main, table);
  Object.assign(process.env, {
    TABLE_NAME: table,
    MEDIA_BUCKET: bucket,
    DYNAMODB_ENDPOINT: services.dynamodb.endpoint,
    S3_ENDPOINT: services.s3.endpoint,
    AWS_REGION: 'us-east-1',
  });
  const db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    services,
    table,
    streamArn,
    bucket,
    client,
    db,
    async stop() {
      client.destroy();
      await services.stop();
    },
  };
}

/**
 * Reads the table's real stream from "now" on (LATEST iterators taken at creation), converting each record to
 * the Lambda event shape (ApproximateCreationDateTime in epoch seconds, eventSourceARN set).
 */
export async function streamReader(endpoint: string, streamArn: string) {
  const streams = new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  const iterators = new Map<string, string | undefined>();
  for (const shard of StreamDescription?.Shards ?? []) {
    if (shard.SequenceNumberRange?.EndingSequenceNumber) continue; // closed shard
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'LATEST' }),
    );
    iterators.set(shard.ShardId!, ShardIterator);
  }
  const toLambda = (r: StreamRecord): DynamoDBRecord => ({
    ...(r as unknown as DynamoDBRecord),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(r.dynamodb as unknown as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: Math.floor((r.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now()) / 1000),
    },
  });
  return {
    /** Records written since the last call (waits until at least `min` arrive, up to ~5 s). */
    async read(min = 1): Promise<DynamoDBRecord[]> {
      const out: DynamoDBRecord[] = [];
      const deadline = Date.now() + 5000;
      for (;;) {
        for (const [shardId, iterator] of iterators) {
          if (!iterator) continue;
          const { Records, NextShardIterator } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
          iterators.set(shardId, NextShardIterator);
          out.push(...(Records ?? []).map(toLambda));
        }
        if (out.length >= min || Date.now() > deadline) return out;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => streams.destroy(),
  };
}
