// DynamoDB Local for a benchmark: the project's own launcher (loopback, in memory) on a free port.
import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { freePort } from '../../../infra/local/services/ports.js';
import { localDynamoDBClient, startDynamoDB } from '../../../infra/local/services/dynamodb.js';
import { createTable } from '../../../infra/local/tables.js';
import { BENCH_ITEM, BENCH_TABLE, benchApi } from './bench-api.js';

export interface BenchDynamoDB {
  endpoint: string;
  pid: number;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export async function startBenchDynamoDB(): Promise<BenchDynamoDB> {
  const ddb = await startDynamoDB({ port: await freePort() });
  const client = localDynamoDBClient(ddb.endpoint);
  return {
    endpoint: ddb.endpoint,
    pid: ddb.pid,
    client,
    async stop() {
      client.destroy();
      await ddb.stop();
    },
  };
}

/** The bench table (PK/SK) with the one item Query.item reads. */
export async function createBenchTable(client: DynamoDBClient): Promise<void> {
  await createTable(client, benchApi.tables.bench, BENCH_TABLE);
  await client.send(new PutItemCommand({ TableName: BENCH_TABLE, Item: marshall(BENCH_ITEM) }));
}
