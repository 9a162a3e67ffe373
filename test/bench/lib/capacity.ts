// Counts DynamoDB requests and consumed capacity of one SDK client: a middleware asks every data-plane call
// for ReturnConsumedCapacity TOTAL and adds up what comes back (DynamoDB Local reports it as AWS does).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface CapacityLog {
  requests: number;
  byCommand: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  capacityUnits: number;
  /** wall time spent waiting on DynamoDB (Local) */
  dynamodbMs: number;
}

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const DATA_PLANE = /^(Get|Put|Update|Delete|Query|Scan|BatchGet|BatchWrite|TransactGet|TransactWrite)/;
const WRITES = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

export function emptyLog(): CapacityLog {
  return { requests: 0, byCommand: {}, readUnits: 0, writeUnits: 0, capacityUnits: 0, dynamodbMs: 0 };
}

/** Instrument `client`; `take()` returns what was counted since the last take and starts over. */
export function countCapacity(client: DynamoDBClient): { take(): CapacityLog } {
  let log = emptyLog();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String((context as { commandName?: string }).commandName ?? '').replace(/Command$/, '');
      if (!DATA_PLANE.test(command)) return next(args);
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      const t0 = performance.now();
      const out = await next(args);
      log.dynamodbMs += performance.now() - t0;
      log.requests += 1;
      log.byCommand[command] = (log.byCommand[command] ?? 0) + 1;
      const raw = (out.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
      for (const c of Array.isArray(raw) ? raw : raw ? [raw] : []) {
        const units = c.CapacityUnits ?? 0;
        log.capacityUnits += units;
        // on-demand bills read and write request units; a transaction reports its (doubled) units here too
        if (WRITES.test(command)) log.writeUnits += c.WriteCapacityUnits ?? units;
        else log.readUnits += c.ReadCapacityUnits ?? units;
      }
      return out;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );
  return {
    take() {
      const taken = log;
      log = emptyLog();
      return taken;
    },
  };
}
