// reconcile function against real DynamoDB Local: a consistent wallet passes; a wallet whose balance is not the
// ledger sum, a negative balance and a day over the cap are each reported, and the EMF metric carries the count.
import { startFunctionEnv, type FunctionTestEnv } from './env.js'; // first: quiets loggers
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcile } from '../../../functions/reconcile/handler.js';
import { keys } from '../../../resolvers/lib/keys.js';

let env: FunctionTestEnv;
beforeAll(async () => {
  env = await startFunctionEnv('reconcile');
});
afterAll(() => env?.stop());

async function put(item: Record<string, unknown>) {
  await env.db.send(new PutCommand({ TableName: env.table, Item: item }));
}
async function wallet(sub: string, balance: number, ledger: number[], earned: Record<string, number> = {}) {
  await put({ ...keys.wallet(sub), balance, lifetimeEarned: balance });
  for (const [i, amount] of ledger.entries()) await put({ ...keys.ledger(sub, `TX${i}`), amount });
  for (const [day, value] of Object.entries(earned)) await put({ ...keys.earned(sub, day), earned: value });
}

describe('reconcile function (DynamoDB Local)', () => {
  it('checks every wallet (over several Scan pages) and reports each broken invariant with an EMF metric', async () => {
    await wallet('good', 35, [10, 5, 20], { '2026-11-22': 35 });
    await wallet('redeemer', 3, [10, -7]);
    await wallet('drift', 50, [10, 10]);
    await wallet('negative', -4, [6, -10]);
    await wallet('capped', 502, [500, 2], { '2026-11-21': 2, '2026-11-22': 502 });
    // Enough other items that the Scan takes more than one page of the wallets filter.
    for (let i = 0; i < 40; i += 1) await put({ PK: `POST#filler${i}`, SK: 'POST', caption: 'x'.repeat(30_000) });

    const lines: string[] = [];
    const summary = await reconcile(env.db, env.table, (line) => lines.push(line));
    expect(summary.wallets).toBe(5);
    expect(summary.mismatches).toEqual(
      expect.arrayContaining([
        { userId: 'drift', kind: 'BALANCE_NOT_LEDGER_SUM', balance: 50, ledgerSum: 20 },
        { userId: 'negative', kind: 'NEGATIVE_BALANCE', balance: -4 },
        { userId: 'capped', kind: 'DAILY_CAP_EXCEEDED', day: '2026-11-22', earned: 502 },
      ]),
    );
    expect(summary.mismatches).toHaveLength(3);
    expect(lines).toHaveLength(1);
    const emf = JSON.parse(lines[0]);
    expect(emf.ReconciliationMismatches).toBe(3);
    expect(emf._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'SocialFeed',
      Dimensions: [['Service', 'Stage']],
      Metrics: [{ Name: 'ReconciliationMismatches', Unit: 'Count' }],
    });
    // no STAGE set: the local stack's own stage
    expect(emf).toMatchObject({ Service: 'reconcile', Stage: 'local' });
  });

  it("tags the metric with the function's STAGE, so dev and prd in one account never share an alarm", async () => {
    const before = process.env.STAGE;
    process.env.STAGE = 'prd';
    try {
      const lines: string[] = [];
      await reconcile(env.db, env.table, (line) => lines.push(line));
      expect(JSON.parse(lines[0])).toMatchObject({ Service: 'reconcile', Stage: 'prd', ReconciliationMismatches: 3 });
    } finally {
      if (before === undefined) delete process.env.STAGE;
      else process.env.STAGE = before;
    }
  });
});
