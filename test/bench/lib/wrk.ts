// wrk as DESIGN.md's "Benchmark method" asks: a Lua script carries the POST body, `-t1 -c8`, latency
// percentiles from `--latency`. Installs the Debian package when missing (a newcomer's machine; CI skips bench).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WrkFigures {
  rps: number;
  requests: number;
  p50ms: number;
  p90ms: number;
  p99ms: number;
  non2xx: number;
  socketErrors: number;
}

export function ensureWrk(): void {
  if (spawnSync('wrk', ['--version']).error === undefined) return;
  process.stdout.write('bench: wrk is missing — installing the Debian package (apt-get install -y wrk)\n');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const cmd = [...sudo, 'apt-get', 'install', '-y', 'wrk'];
  const r = spawnSync(cmd[0], cmd.slice(1), { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('bench: wrk is needed (Debian: apt-get install -y wrk)');
}

/** A Lua script that POSTs `body` as JSON with the given headers. */
export function postScript(body: unknown, headers: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-wrk-'));
  const file = path.join(dir, 'post.lua');
  const lines = [`wrk.method = "POST"`, `wrk.body = ${JSON.stringify(JSON.stringify(body))}`, `wrk.headers["content-type"] = "application/json"`];
  for (const [k, v] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function toMs(out: string, label: string): number {
  const m = new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

export function wrk(url: string, script: string, opts: { seconds: number; connections?: number; threads?: number }): WrkFigures {
  const args = [`-t${opts.threads ?? 1}`, `-c${opts.connections ?? 8}`, `-d${opts.seconds}s`, '--latency', '-s', script, url];
  const out = execFileSync('wrk', args, { encoding: 'utf8' });
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    requests: Number(/(\d+) requests in/.exec(out)?.[1]),
    p50ms: toMs(out, '50'),
    p90ms: toMs(out, '90'),
    p99ms: toMs(out, '99'),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).reduce((s, v) => s + Number(v), 0) : 0,
  };
}
