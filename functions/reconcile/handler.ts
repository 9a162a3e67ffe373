// Reconcile (hourly schedule): checks every wallet against its ledger and daily counters. Listing wallets is a
// paginated Scan with a filter on SK = WALLET: acceptable in a scheduled job off the hot path (it reads the whole
// table once an hour; past a few GB, add a sparse "wallets" index or export to S3 instead). Each wallet then costs
// two Queries (its TX# and EARNED# items).
import { paginateQuery, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys, prefixes, userPK } from '../../resolvers/lib/keys.js';
import { dynamo } from '../lib/aws.js';
import { stageName, tableName } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { checkWallet, type Mismatch } from './check.js';
import { emfLine, RECONCILIATION_METRIC_NAME, reconciliationDimensions } from './metrics.js';

const logger = createLogger('reconcile');
/** `EARNED#` of keys.earned(sub, day): what is left of the SK is the day. */
const EARNED_PREFIX = keys.earned('', '').SK;

export interface ReconcileSummary {
  wallets: number;
  mismatches: Mismatch[];
}

/** Every item of one user whose SK starts with `prefix` (all pages). */
async function queryAll(db: DynamoDBDocumentClient, table: string, sub: string, prefix: string, projection: string) {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: db },
    {
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': userPK(sub), ':prefix': prefix },
      ProjectionExpression: projection,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

export async function reconcile(
  db: DynamoDBDocumentClient,
  table: string,
  emit: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<ReconcileSummary> {
  const mismatches: Mismatch[] = [];
  let wallets = 0;
  const pages = paginateScan(
    { client: db },
    { TableName: table, FilterExpression: 'SK = :wallet', ExpressionAttributeValues: { ':wallet': 'WALLET' }, ProjectionExpression: 'PK, balance' },
  );
  for await (const page of pages) {
    for (const wallet of page.Items ?? []) {
      const userId = String(wallet.PK).slice(userPK('').length);
      const [ledger, earned] = await Promise.all([
        queryAll(db, table, userId, prefixes.ledger, 'amount'),
        queryAll(db, table, userId, EARNED_PREFIX, 'SK, earned'),
      ]);
      const found = checkWallet({
        userId,
        balance: Number(wallet.balance ?? 0),
        ledgerAmounts: ledger.map((e) => Number(e.amount ?? 0)),
        earnedByDay: Object.fromEntries(earned.map((e) => [String(e.SK).slice(EARNED_PREFIX.length), Number(e.earned ?? 0)])),
      });
      for (const mismatch of found) logger.error('coin invariant broken', { ...mismatch });
      mismatches.push(...found);
      wallets += 1;
    }
  }
  // Emitted every run, 0 included, so the metric shows each run (infra/cdk/alarms.ts alarms on >= 1).
  emit(emfLine(RECONCILIATION_METRIC_NAME, mismatches.length, 'Count', reconciliationDimensions(stageName())));
  logger.info('reconciled', { wallets, mismatches: mismatches.length });
  return { wallets, mismatches };
}

export async function handler(): Promise<ReconcileSummary> {
  return reconcile(dynamo(), tableName());
}
