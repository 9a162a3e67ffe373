// Fault injection around the real rewards function (functions/rewards/handler.ts). The stress suites point
// the API description's rewards function here (test/support/stress.ts faultyApi), so the stream poller calls
// this with real stream batches. While `configureRewardFaults` has armed it, a share of invocations:
//   before  — throws before touching anything (the whole batch is retried)
//   after   — processes the batch, then throws (everything is redelivered: duplicates)
//   partial — processes the batch, then reports a random record as failed (redelivered from there)
//   twice   — delivers the same batch twice at once (concurrent duplicate delivery)
// and records whose event key is "poisoned" always fail (the poller must park them in the dead-letter store).
// State lives on globalThis: the poller imports this file itself, the test imports it by another path.
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { handler as realHandler } from '../../../../functions/rewards/handler.js';

export interface RewardFaults {
  /** share of invocations that get one of before/after/partial (0..1) */
  rate: number;
  /** share of invocations delivered twice concurrently (0..1) */
  twiceRate: number;
  /** records that always fail (the poller must park them in the dead-letter store) */
  poison: (record: DynamoDBRecord) => boolean;
  random: () => number;
  stats: { invocations: number; records: number; before: number; after: number; partial: number; twice: number; poisoned: number };
}

const KEY = '__stressRewardFaults';
type Global = typeof globalThis & { [KEY]?: RewardFaults };

export function configureRewardFaults(faults: Omit<RewardFaults, 'stats'> | undefined): RewardFaults | undefined {
  const g = globalThis as Global;
  g[KEY] = faults && { ...faults, stats: { invocations: 0, records: 0, before: 0, after: 0, partial: 0, twice: 0, poisoned: 0 } };
  return g[KEY];
}

export const rewardFaults = (): RewardFaults | undefined => (globalThis as Global)[KEY];

export const recordId = (r: DynamoDBRecord) => `${r.dynamodb?.Keys?.PK?.S}|${r.dynamodb?.Keys?.SK?.S}`;

const failures = (out: DynamoDBBatchResponse | void) => (out ? out.batchItemFailures : []);

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  const f = rewardFaults();
  if (!f) return (await realHandler(event, context)) as DynamoDBBatchResponse;
  f.stats.invocations += 1;
  f.stats.records += event.Records.length;

  // poison: process what comes before the first poisoned record, fail from it on
  const firstPoison = event.Records.findIndex((r) => f.poison(r));
  const records = firstPoison < 0 ? event.Records : event.Records.slice(0, firstPoison);

  const roll = f.random();
  if (roll < f.rate / 3) {
    f.stats.before += 1;
    throw new Error('injected fault: rewards failed before processing');
  }
  let out: DynamoDBBatchResponse;
  if (f.random() < f.twiceRate) {
    f.stats.twice += 1;
    const [a, b] = await Promise.all([realHandler({ Records: records }, context), realHandler({ Records: records }, context)]);
    out = { batchItemFailures: [...failures(a), ...failures(b)] };
  } else {
    out = (await realHandler({ Records: records }, context)) ?? { batchItemFailures: [] };
  }
  if (roll >= f.rate / 3 && roll < (2 * f.rate) / 3) {
    f.stats.after += 1;
    throw new Error('injected fault: rewards failed after processing');
  }
  if (roll >= (2 * f.rate) / 3 && roll < f.rate && records.length > 0) {
    f.stats.partial += 1;
    const victim = records[Math.floor(f.random() * records.length)];
    out = { batchItemFailures: [...out.batchItemFailures, { itemIdentifier: victim.dynamodb!.SequenceNumber! }] };
  }
  if (firstPoison >= 0) {
    f.stats.poisoned += 1;
    out = { batchItemFailures: [...out.batchItemFailures, { itemIdentifier: event.Records[firstPoison].dynamodb!.SequenceNumber! }] };
  }
  return out;
}
