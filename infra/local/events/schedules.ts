// EventBridge schedules, locally: each function with a `schedule` trigger runs on a timer built from its
// rate(...) expression, with the Scheduled Event AWS sends, asynchronous-invocation retries and dead
// letters. `trigger(name)` runs one at once (tests, or `npm start` users who do not want to wait an hour).
import { randomUUID } from 'node:crypto';
import type { ApiDescription } from '../../api/types.js';
import { invokeAsync, type DeadLetterStore, type InvokeFunction } from './dead-letters.js';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** `rate(5 minutes)` → 300000. AWS's rules: a positive integer; singular unit for 1, plural otherwise. */
export function parseRate(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (!match) throw new Error(`schedule "${expression}": only rate(<n> minute(s)|hour(s)|day(s)) runs locally`);
  const value = Number(match[1]);
  const unit = match[2];
  if (value < 1) throw new Error(`schedule "${expression}": the value must be a positive integer`);
  if ((value === 1) !== !unit.endsWith('s')) throw new Error(`schedule "${expression}": use "${value === 1 ? unit.replace(/s$/, '') : `${unit}s`}"`);
  return value * UNIT_MS[unit.replace(/s$/, '')];
}

/** The event EventBridge sends for a scheduled rule. */
export function scheduledEvent(ruleName: string, region = 'us-east-1', account = '123456789012'): Record<string, unknown> {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [`arn:aws:events:${region}:${account}:rule/${ruleName}`],
    detail: {},
  };
}

export interface SchedulesOptions {
  api: Pick<ApiDescription, 'functions'>;
  invoke: InvokeFunction;
  deadLetters: DeadLetterStore;
  /** don't start timers (tests call trigger() themselves). Default true. */
  timers?: boolean;
  region?: string;
  retryDelayMs?: number;
  onError?: (err: unknown) => void;
}

export interface Schedules {
  /** function name → interval in ms */
  readonly entries: Record<string, number>;
  /** Run a scheduled function now; resolves with its result (undefined if it was dead-lettered). */
  trigger(functionName: string): Promise<unknown>;
  stop(): Promise<void>;
}

export function startSchedules(opts: SchedulesOptions): Schedules {
  const entries: Record<string, number> = {};
  for (const [name, def] of Object.entries(opts.api.functions)) {
    for (const trigger of def.triggers ?? []) if (trigger.kind === 'schedule') entries[name] = parseRate(trigger.expression);
  }
  const running = new Set<Promise<unknown>>();
  const trigger = (functionName: string): Promise<unknown> => {
    if (!(functionName in entries)) return Promise.reject(new Error(`${functionName} has no schedule trigger in the API description`));
    const run = invokeAsync({
      invoke: opts.invoke,
      functionName,
      event: scheduledEvent(`${functionName}-schedule`, opts.region),
      source: 'schedule',
      deadLetters: opts.deadLetters,
      retryDelayMs: opts.retryDelayMs,
    });
    running.add(run);
    void run.finally(() => running.delete(run)).catch(() => undefined);
    return run;
  };
  const timers =
    opts.timers === false
      ? []
      : Object.entries(entries).map(([name, ms]) => {
          const t = setInterval(() => void trigger(name).catch((err) => opts.onError?.(err)), ms);
          t.unref();
          return t;
        });
  return {
    entries,
    trigger,
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...running]);
    },
  };
}
