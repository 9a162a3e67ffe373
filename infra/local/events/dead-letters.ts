// The local dead-letter store: what AWS would park in an SQS dead-letter queue / on-failure destination.
// One JSON object per line in <data folder>/dead-letters.jsonl, so nothing that failed for good is lost and
// `tail -f` shows it. (On AWS the stream's on-failure destination receives only batch metadata; locally we
// keep the records themselves, which is what you want when debugging.)
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DeadLetter {
  /** ISO time it was parked */
  time: string;
  source: 'dynamodb-stream' | 's3' | 'schedule';
  /** the function (API description name) that kept failing */
  function: string;
  /** invocations tried, including the first */
  attempts: number;
  /** the last error message */
  error: string;
  /** the event (or, for streams, the records that were not processed) */
  payload: unknown;
}

export interface DeadLetterStore {
  readonly file: string;
  write(letter: Omit<DeadLetter, 'time'>): DeadLetter;
  /** every parked letter, oldest first */
  read(): DeadLetter[];
}

/** A store appending to `file` (created with its folder on first write); `onWrite` e.g. prints a warning. */
export function createDeadLetterStore(file: string, onWrite?: (letter: DeadLetter) => void): DeadLetterStore {
  return {
    file,
    write(letter) {
      const entry: DeadLetter = { time: new Date().toISOString(), ...letter };
      mkdirSync(dirname(file), { recursive: true });
      // synchronous on purpose: a crash right after must not lose the letter
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
      onWrite?.(entry);
      return entry;
    },
    read() {
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as DeadLetter);
    },
  };
}

export type InvokeFunction = (functionName: string, event: unknown) => Promise<unknown>;

/**
 * Asynchronous invocation as Lambda does it for S3 and EventBridge: on error retry twice (three attempts),
 * then park the event in the dead-letter store. Resolves with the result, or undefined when parked.
 */
export async function invokeAsync(opts: {
  invoke: InvokeFunction;
  functionName: string;
  event: unknown;
  source: DeadLetter['source'];
  deadLetters: DeadLetterStore;
  retries?: number;
  retryDelayMs?: number;
}): Promise<unknown> {
  const retries = opts.retries ?? 2;
  let lastError = '';
  for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
    try {
      return await opts.invoke(opts.functionName, opts.event);
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
      if (attempt <= retries) await new Promise((r) => setTimeout(r, (opts.retryDelayMs ?? 200) * attempt));
    }
  }
  opts.deadLetters.write({ source: opts.source, function: opts.functionName, attempts: retries + 1, error: lastError, payload: opts.event });
  return undefined;
}
