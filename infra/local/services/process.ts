// Child processes for local services: they start in their own process group, are polled until
// ready (with a timeout), keep a tail of their output for a one-line failure message, and die
// with us — on stop(), on SIGINT/SIGTERM/SIGHUP, and on process exit. Children also get a stdin
// pipe that we never close: a child that watches it (our java launcher, the node watchdog) exits
// when the pipe closes, which covers even a SIGKILLed parent.
import { spawn, type ChildProcess } from 'node:child_process';

export interface SpawnServiceOptions {
  /** Human name used in messages, e.g. "DynamoDB Local". */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Polled until it resolves true; errors count as "not yet". */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
  pollMs?: number;
  /** Receives each output line (stdout and stderr), e.g. to prefix and print in `npm start`. */
  onLine?: (line: string) => void;
}

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Last output lines (stdout + stderr), for error messages. */
  outputTail(): string;
  /** Resolves with the exit code (or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** SIGTERM the process group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** A service that failed to start; `message` is one line. */
export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

const TAIL_LIMIT = 8_192;
const live = new Set<ChildProcess>();
let hooksInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // negative pid: the whole group (java + anything it forked)
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Kill every child we started, synchronously (usable from an 'exit' handler). */
export function killAllChildren(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of live) killGroup(child, signal);
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => killAllChildren('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllChildren('SIGTERM');
      // If nobody else handles this signal, restore Node's default (exit) by re-raising it;
      // otherwise the app's own handler decides when to exit (e.g. a graceful `npm start`).
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/** The line that says why: the last one, skipping a Java stack trace's frames ("at …", "... 20 more"). */
function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const reasons = lines.filter((l) => !l.startsWith('at ') && !(l.startsWith('...') && l.endsWith(' more')));
  return reasons.at(-1) ?? lines.at(-1) ?? '(no output)';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Spawn a service and resolve once `ready()` says so; reject with a one-line ServiceStartError. */
export async function spawnService(opts: SpawnServiceOptions): Promise<ManagedProcess> {
  installExitHooks();
  const { name, readyTimeoutMs = 30_000, pollMs = 100 } = opts;
  const child = spawn(opts.command, opts.args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true, // own process group: a terminal Ctrl-C reaches us, and we stop it in order
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);

  let tail = '';
  let partial = '';
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-TAIL_LIMIT);
    if (!opts.onLine) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) opts.onLine(line);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.stdin?.on('error', () => {}); // EPIPE when the child exits first

  let spawnError: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      spawnError = err;
      live.delete(child);
      resolve(null);
    });
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async (graceMs = 5_000): Promise<void> => {
    if (hasExited) return;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (hasExited) {
      if (spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ServiceStartError(`${name}: command not found: ${opts.command}`);
      }
      throw new ServiceStartError(
        `${name} exited during start (code ${child.exitCode ?? child.signalCode}): ${lastLine(tail)}`,
      );
    }
    if (await opts.ready().catch(() => false)) break;
    if (Date.now() > deadline) {
      await stop(1_000);
      throw new ServiceStartError(`${name} did not become ready within ${readyTimeoutMs} ms: ${lastLine(tail)}`);
    }
    await sleep(pollMs);
  }

  return {
    name,
    pid: child.pid ?? -1,
    outputTail: () => tail,
    exited,
    stop,
  };
}
