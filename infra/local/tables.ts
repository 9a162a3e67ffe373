// Creates the API description's tables in DynamoDB Local (the local server, `npm start` and the tests all
// call this), so the local table has the same keys, sparse GSIs, stream and TTL as the deployed one.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import type { TableDef } from '../api/types.js';

export interface CreatedTable {
  tableName: string;
  /** The table's stream (every table here streams NEW_AND_OLD_IMAGES). */
  streamArn: string;
}

/** Every key attribute of the table and its indexes, once each (all keys are strings). */
function attributeDefinitions(def: TableDef): AttributeDefinition[] {
  const names = new Set<string>([def.partitionKey, def.sortKey]);
  for (const index of def.indexes) {
    names.add(index.partitionKey);
    if (index.sortKey) names.add(index.sortKey);
  }
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' }));
}

function globalIndexes(def: TableDef): GlobalSecondaryIndex[] {
  return def.indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    Projection: { ProjectionType: 'ALL' },
  }));
}

/**
 * Create `name` from `def` unless it exists (idempotent: a persistent data folder keeps tables between
 * starts), wait until it is ACTIVE, switch TTL on, and return its stream ARN.
 */
export async function createTable(client: DynamoDBClient, def: TableDef, name: string): Promise<CreatedTable> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions(def),
        KeySchema: [
          { AttributeName: def.partitionKey, KeyType: 'HASH' },
          { AttributeName: def.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: def.indexes.length ? globalIndexes(def) : undefined,
        StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream },
      }),
    );
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: name });
  if (def.ttlAttribute) {
    try {
      await client.send(
        new UpdateTimeToLiveCommand({
          TableName: name,
          TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
        }),
      );
    } catch (err) {
      // Already enabled on a table kept from an earlier start.
      if (!/already enabled/i.test((err as Error).message)) throw err;
    }
  }
  const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
  if (!Table?.LatestStreamArn) throw new Error(`table ${name}: no stream (expected ${def.stream})`);
  return { tableName: name, streamArn: Table.LatestStreamArn };
}
