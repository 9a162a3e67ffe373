// The full reliability and security suite: `npm run test:stress` (vitest.stress.config.ts). Each part on its
// own stack; figures are printed as one JSON line per part and written to test/stress/results.json.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../infra/local/start.js';
import { runAuthMatrix } from './auth-matrix.js';
import { runBadInput } from './bad-input.js';
import { FULL_COINS, runCoinScenario } from './coins.js';
import { runIsolation } from './subscriptions.js';
import { startStressStack, type StressStack } from '../support/stress.js';

const results: Record<string, unknown> = { startedAt: new Date().toISOString(), seed: process.env.STRESS_SEED ?? 'default' };
afterAll(() => {
  writeFileSync(path.join(REPO_ROOT, 'test/stress/results.json'), `${JSON.stringify(results, null, 2)}\n`);
});

async function withStack<T>(opts: Parameters<typeof startStressStack>[0], run: (ss: StressStack) => Promise<T>): Promise<T> {
  const ss = await startStressStack(opts);
  try {
    return await run(ss);
  } finally {
    await ss.stop();
  }
}

describe('reliability and security (full)', () => {
  it('coins: thousands of operations, faults, duplicates, poison, a restart of DynamoDB Local and the server', async () => {
    const report = await withStack({ persist: true, faults: true }, (ss) => runCoinScenario(ss, FULL_COINS));
    results.coins = report;
    console.log(`coins: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.reconcileMismatches).toBe(0);
    expect(report.operations).toBeGreaterThan(2000);
    expect(report.restarts).toBe(1);
    expect(report.deadLetters).toBeGreaterThan(0);
  }, 900_000);

  it('authorisation matrix', async () => {
    const report = await withStack({}, (ss) => runAuthMatrix(ss));
    results.authMatrix = report;
    console.log(`auth matrix: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
  }, 300_000);

  it('subscription isolation: 1,000 subscribers', async () => {
    const report = await withStack({}, (ss) => runIsolation(ss, { users: 20, perConnection: 50, target: 1000 }));
    results.subscriptions = report;
    console.log(`subscriptions: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.subscribers).toBe(1000);
  }, 600_000);

  it('bad input: property-based', async () => {
    const report = await withStack({}, (ss) => runBadInput(ss, { runs: Number(process.env.STRESS_RUNS ?? 200) }));
    results.badInput = report;
    console.log(`bad input: ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
  }, 900_000);
});
