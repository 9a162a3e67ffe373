// The short reliability and security suite, inside `npm test` (the full one: `npm run test:stress`).
// One local stack (rewards behind the fault-injection wrapper) for all four parts, coins first:
// - coins under load and faults: ~350 concurrent operations from 8 users, 30% of rewards invocations failing,
//   15% delivered twice at once, one poisoned record (dead-lettered, then redriven);
// - the authorisation matrix (full size: it is fast);
// - subscription isolation: 200 raw-WebSocket subscribers, honest and adversarial;
// - bad input: fast-check properties, few runs each.
// Set STRESS_SEED to replay a run; figures are printed as one JSON line per part.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expected, loadSchema, rootFields, ROWS, runAuthMatrix } from '../../stress/auth-matrix.js';
import { runBadInput } from '../../stress/bad-input.js';
import { runCoinScenario, SHORT_COINS } from '../../stress/coins.js';
import { runIsolation } from '../../stress/subscriptions.js';
import { startStressStack, type StressStack } from '../../support/stress.js';

let ss: StressStack;
beforeAll(async () => {
  ss = await startStressStack({ faults: true });
}, 120_000);
afterAll(async () => {
  await ss?.stop();
});

describe('reliability and security (short)', () => {
  it('coins: none lost, none counted twice, under load and injected faults', async () => {
    const report = await runCoinScenario(ss, SHORT_COINS);
    console.log(`coins (short): ${JSON.stringify(report)}`);
    expect(report.violations).toEqual([]);
    expect(report.reconcileMismatches).toBe(0);
    expect(report.faults.injected).toBeGreaterThan(0);
    expect(report.deadLetters).toBeGreaterThan(0);
    expect(report.capReachedUsers).toBeGreaterThan(0);
  }, 240_000);

  it('authorisation: the expected grid follows the directives (spot checks) and has a row per root field', () => {
    const schema = loadSchema();
    expect(rootFields(schema).filter((k) => !ROWS[k])).toEqual([]);
    expect(expected(schema, 'Query.feed', 'apiKey')).toBe('allowed');
    expect(expected(schema, 'Query.wallet', 'apiKey')).toBe('denied');
    expect(expected(schema, 'Query.wallet', 'iam')).toBe('denied');
    expect(expected(schema, 'Query.moderationQueue', 'owner')).toBe('denied');
    expect(expected(schema, 'Query.moderationQueue', 'admin')).toBe('allowed');
    expect(expected(schema, 'Mutation.publishNotification', 'admin')).toBe('denied');
    expect(expected(schema, 'Mutation.publishNotification', 'iam')).toBe('allowed');
    expect(expected(schema, 'Mutation.deletePost', 'other')).toBe('denied');
    expect(expected(schema, 'Subscription.onPostCounts', 'apiKey')).toBe('allowed');
    expect(expected(schema, 'Subscription.onModerationEvent', 'owner')).toBe('denied');
    expect(expected(schema, 'Query.me', 'none')).toBe('noAuth');
  });

  it('authorisation: every root field × every caller is what the schema and ownership rules allow', async () => {
    const report = await runAuthMatrix(ss);
    console.log(`auth matrix: ${JSON.stringify({ ...report, violations: report.violations.length })}`);
    expect(report.violations).toEqual([]);
  }, 180_000);

  it('subscriptions: no event reaches anyone it is not for', async () => {
    const report = await runIsolation(ss, { users: 6, perConnection: 20, target: 200 });
    console.log(`subscriptions (short): ${JSON.stringify({ ...report, violations: report.violations.slice(0, 20) })}`);
    expect(report.violations).toEqual([]);
    expect(report.refused).toBeGreaterThan(0);
    expect(report.deliveries).toBeGreaterThan(0);
  }, 180_000);

  it('bad input: a clear error each, the server stays up, nothing half-written', async () => {
    const report = await runBadInput(ss, { runs: 20 });
    console.log(`bad input (short): ${JSON.stringify({ ...report, violations: report.violations.slice(0, 30) })}`);
    expect(report.violations).toEqual([]);
  }, 180_000);
});
