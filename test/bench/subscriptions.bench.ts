// Subscriptions at scale on the local AppSync server: 1,000 WebSocket subscribers (raw `ws` clients in their
// own process, AppSync protocol, an enhanced filter on the channel), one mutation → every matched delivery,
// p50/p99 delivery latency and the time until the last of the 1,000 got it; server memory per connection
// (RSS after − before the connections, / connections) and server CPU per delivery.
//   BENCH_SUBSCRIBERS=1000 BENCH_PINGS=20 npx tsx test/bench/run.ts subscriptions
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { BENCH_API_KEY } from './lib/bench-api.js';
import { cpuMs, rssBytes, startTarget } from './lib/proc.js';
import { round, summarize } from './lib/stats.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const PINGS = Number(process.env.BENCH_PINGS ?? 20);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 2));

interface ClientResult {
  latencies: number[];
  allDeliveredMs: number[];
  wrongDeliveries: number;
}

async function oneRound(): Promise<Record<string, unknown>> {
  // BENCH_CPU_PROF=<dir>: write the server's CPU profile there (where does a delivery's time go?)
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startTarget('local', process.execPath, [...prof, '--import', 'tsx', path.join(here, 'server-target.ts'), 'local'], { stdin: true });
  try {
    await new Promise((r) => setTimeout(r, 1000)); // let start-up garbage settle before the baseline
    const rssBefore = rssBytes(server.pid);
    const realtimeUrl = server.url.replace(/^http/, 'ws') + '/realtime';
    const client = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'subscriptions-client.ts'), server.url, realtimeUrl, BENCH_API_KEY, String(SUBSCRIBERS)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: client.stdout! });
    const next = (prefix: string) =>
      new Promise<string>((resolve, reject) => {
        const onLine = (line: string) => {
          if (!line.startsWith(prefix)) return;
          lines.off('line', onLine);
          resolve(line.slice(prefix.length).trim());
        };
        lines.on('line', onLine);
        client.once('exit', (code) => reject(new Error(`subscription client exited with ${code}`)));
      });
    const connectStart = performance.now();
    const subscribed = Number(await next('SUBSCRIBED'));
    const connectMs = performance.now() - connectStart;
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssBytes(server.pid);
    const open = Number(await server.ask('CONNECTIONS'));
    const cpuBefore = cpuMs(server.pid);
    client.stdin!.write(`FIRE ${PINGS}\n`);
    const resultFile = await next('RESULT');
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as ClientResult;
    rmSync(path.dirname(resultFile), { recursive: true, force: true });
    const cpu = cpuMs(server.pid) - cpuBefore;
    return {
      subscribed,
      openConnections: open,
      connectAndSubscribeMs: Math.round(connectMs),
      deliveries: result.latencies.length,
      wrongDeliveries: result.wrongDeliveries,
      deliveryMs: summarize(result.latencies),
      lastOfAllMs: summarize(result.allDeliveredMs),
      serverCpuUsPerDelivery: round((cpu * 1000) / Math.max(1, result.latencies.length), 1),
      rssBeforeMB: round(rssBefore / 2 ** 20, 1),
      rssAfterMB: round(rssAfter / 2 ** 20, 1),
      kbPerConnection: round((rssAfter - rssBefore) / 1024 / Math.max(1, subscribed), 1),
    };
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  const rounds: Record<string, unknown>[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const r = await oneRound();
    rounds.push(r);
    process.stdout.write(`  round ${i + 1}: ${JSON.stringify(r)}\n`);
  }
  const pick = (k: string) => rounds.map((r) => r[k]);
  const ms = (k: 'deliveryMs' | 'lastOfAllMs', p: 'p50' | 'p99') => rounds.map((r) => (r[k] as { p50: number; p99: number })[p]);
  // the mean over rounds (each round is a fresh server; with 2 rounds a median would just pick the lower)
  const med = (xs: number[]) => round(xs.reduce((s, v) => s + v, 0) / xs.length, 2);
  return {
    method: `${SUBSCRIBERS} ws subscribers (separate process, AppSync protocol, API key, filter channel = "bench"), ${PINGS} ping mutations one after another over HTTP, ${ROUNDS} rounds each on a fresh server; one ping on another channel must reach no one`,
    subscribers: SUBSCRIBERS,
    deliveriesPerRound: pick('deliveries'),
    wrongDeliveries: pick('wrongDeliveries'),
    deliveryP50ms: med(ms('deliveryMs', 'p50')),
    deliveryP99ms: med(ms('deliveryMs', 'p99')),
    lastOfAllP50ms: med(ms('lastOfAllMs', 'p50')),
    kbPerConnection: med(pick('kbPerConnection') as number[]),
    serverCpuUsPerDelivery: med(pick('serverCpuUsPerDelivery') as number[]),
    raw: rounds,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(JSON.stringify(await run(), null, 2) + '\n');
}
