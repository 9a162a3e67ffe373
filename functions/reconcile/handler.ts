// Reconcile (hourly schedule): checks every wallet against its ledger and daily counters. Listing wallets is a
// paginated Scan with a filter on SK = WALLET: acceptable in a scheduled job off the hot path (it reads the whole
// table once an hour; past a few GB, add a sparse "wallets" index or export to S3 instead). Each wallet then costs
// two Queries (its TX# and EARNED# items).
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { userPK } from '../../resolvers/lib/keys.js';
import { dynamo } from '../lib/aws.js';
import { stageName, tableName } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { checkWallet, type Mismatch } from './check.js';
import { emfLine, RECONCILIATION_METRIC_NAME, reconciliationDimensions } from './metrics.js';

const logger = createLogger('reconcile');

export interface ReconcileSummary {
  wallets: number;
  mismatches: Mismatch[];
}

async function queryAll(db: DynamoDBDocumentClient, table: string, sub: string, prefix: string, projection: string) {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': userPK(sub), ':prefix': prefix },
        ProjectionExpression: projection,
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export async function reconcile(
  db: DynamoDBDocumentClient,
  table: string,
  emit: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<ReconcileSummary> {
  const mismatches: Mismatch[] = [];
  let wallets = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'SK = :wallet',
        ExpressionAttributeValues: { ':wallet': 'WALLET' },
        ProjectionExpression: 'PK, balance',
        ExclusiveStartKey,
      }),
    );
    for (const wallet of page.Items ?? []) {
      const userId = String(wallet.PK).slice('USER#'.length);
      const [ledger, earned] = await Promise.all([
        queryAll(db, table, userId, 'TX#', 'amount'),
        queryAll(db, table, userId, 'EARNED#', 'SK, earned'),
      ]);
      const found = checkWallet({
        userId,
        balance: Number(wallet.balance ?? 0),
        ledgerAmounts: ledger.map((e) => Number(e.amount ?? 0)),
        earnedByDay: Object.fromEntries(earned.map((e) => [String(e.SK).slice('EARNED#'.length), Number(e.earned ?? 0)])),
      });
      for (const mismatch of found) logger.error('coin invariant broken', { ...mismatch });
      mismatches.push(...found);
      wallets += 1;
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  // Emitted every run (0 included) so the alarm sees data and can treat missing data as breaching.
  emit(emfLine(RECONCILIATION_METRIC_NAME, mismatches.length, 'Count', reconciliationDimensions(stageName())));
  logger.info('reconciled', { wallets, mismatches: mismatches.length });
  return { wallets, mismatches };
}

export async function handler(): Promise<ReconcileSummary> {
  return reconcile(dynamo(), tableName());
}
