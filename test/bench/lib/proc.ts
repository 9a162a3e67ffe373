// Child processes for the benchmarks: each server side runs as its own process that prints `READY <url>`,
// so its CPU time (/proc/<pid>/stat) and memory (/proc/<pid>/status) are its own and not the client's.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Target {
  name: string;
  url: string;
  /** anything else the target printed on its READY line as JSON after the url */
  info: Record<string, unknown>;
  proc: ChildProcess;
  pid: number;
  /** (targets started with `stdin: true`) write a line, resolve with the rest of the next stdout line starting with `prefix` */
  ask(prefix: string): Promise<string>;
  stop(): Promise<void>;
}

/** Spawn `command args`, wait for a line `READY <url> [json]` on stdout. */
export function startTarget(name: string, command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stdin?: boolean; /** a stdout line that means ready, its group 1 the url (default `READY <url> [json]`) */ readyPattern?: RegExp } = {}): Promise<Target> {
  const proc = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: proc.stdout! });
  const ask = (prefix: string) =>
    new Promise<string>((resolve) => {
      const onLine = (line: string) => {
        if (!line.startsWith(prefix)) return;
        lines.off('line', onLine);
        resolve(line.slice(prefix.length).trim());
      };
      lines.on('line', onLine);
      proc.stdin!.write(`${prefix}\n`);
    });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${name}: not ready after ${opts.timeoutMs ?? 60_000} ms\n${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    const onReady = (line: string) => {
      const m = opts.readyPattern ? opts.readyPattern.exec(line.replace(/\x1b\[[0-9;]*m/g, '')) : /^READY (\S+)(?: (.*))?$/.exec(line);
      if (!m || !proc.pid) return;
      lines.off('line', onReady);
      clearTimeout(timer);
      resolve({ name, url: m[1], info: m[2] ? (JSON.parse(m[2]) as Record<string, unknown>) : {}, proc, pid: proc.pid, ask, stop });
    };
    lines.on('line', onReady);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before READY\n${stderr}`));
    });
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of a process in milliseconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14 → index 11, stime field 15 → index 12
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb * 1024;
}
