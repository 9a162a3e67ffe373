// Throughput of the local AppSync server against its peer (Amplify's AppSync simulator, VTL) and its limit
// (bare graphql-js 16 over node:http), as DESIGN.md's "Benchmark method" says: each server its own process,
// `wrk -t1 -c8 -d10s` with a Lua POST body after a warm-up, the sides alternated and repeated, raw numbers
// kept. Two queries: an echo on a NONE data source and a DynamoDB GetItem (DynamoDB Local, shared by all).
// Server CPU per operation comes from /proc/<pid>/stat (utime+stime) around each run.
//   BENCH_SECONDS=10 BENCH_ROUNDS=2 npx tsx test/bench/run.ts server
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../infra/local/services/ports.js';
import { BENCH_API_KEY, BENCH_TABLE, ECHO_BODY, ITEM_BODY } from './lib/bench-api.js';
import { createBenchTable, startBenchDynamoDB } from './lib/dynamodb.js';
import { postGraphQL } from './lib/http.js';
import { cpuMs, startTarget, type Target } from './lib/proc.js';
import { mean, round } from './lib/stats.js';
import { ensureWrk, postScript, wrk, type WrkFigures } from './lib/wrk.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const ROUNDS = Math.max(2, Number(process.env.BENCH_ROUNDS ?? 2));
const SIM_DIR = path.join(here, 'amplify-sim');

type Side = 'local' | 'amplify' | 'bare';
const SIDES: Side[] = ['local', 'amplify', 'bare'];
type Query = 'echo' | 'getItem';

/** Amplify's simulator lives in its own folder with graphql 15; install it there on first run (lockfile). */
export function ensureAmplifySimulator(): void {
  if (existsSync(path.join(SIM_DIR, 'node_modules/@aws-amplify/amplify-appsync-simulator/package.json'))) return;
  process.stdout.write('bench: installing Amplify AppSync simulator into test/bench/amplify-sim (first run only)\n');
  const lock = existsSync(path.join(SIM_DIR, 'package-lock.json'));
  execFileSync('npm', [lock ? 'ci' : 'install', '--prefix', SIM_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
}

interface Run extends WrkFigures {
  cpuUsPerOp: number;
}

function measure(target: Target, script: string, seconds: number): Run {
  const before = cpuMs(target.pid);
  const figures = wrk(target.url, script, { seconds, connections: 8 });
  const cpu = cpuMs(target.pid) - before;
  return { ...figures, cpuUsPerOp: round((cpu * 1000) / Math.max(1, figures.requests), 1) };
}

export async function run(): Promise<Record<string, unknown>> {
  ensureWrk();
  ensureAmplifySimulator();
  const ddb = await startBenchDynamoDB();
  const targets: Partial<Record<Side, Target>> = {};
  try {
    await createBenchTable(ddb.client);
    const dynamodb = { endpoint: ddb.endpoint, table: BENCH_TABLE };
    const tsx = ['--import', 'tsx', path.join(here, 'server-target.ts')];
    targets.bare = await startTarget('bare', process.execPath, [...tsx, 'bare', JSON.stringify({ dynamodb })]);
    targets.local = await startTarget('local', process.execPath, [...tsx, 'local', JSON.stringify({ dynamodb })]);
    targets.amplify = await startTarget('amplify', process.execPath, [path.join(SIM_DIR, 'server.mjs'), JSON.stringify({ port: await freePort(), dynamodb })], { cwd: SIM_DIR });

    const bodies: Record<Query, unknown> = { echo: ECHO_BODY, getItem: ITEM_BODY };
    const headers: Record<Side, Record<string, string>> = { local: { 'x-api-key': BENCH_API_KEY }, amplify: { 'x-api-key': 'bench-key' }, bare: {} };
    const raw: Record<Query, Record<Side, Run[]>> = { echo: { local: [], amplify: [], bare: [] }, getItem: { local: [], amplify: [], bare: [] } };

    for (const query of ['echo', 'getItem'] as Query[]) {
      // each side must answer the query correctly before it is timed
      for (const side of SIDES) {
        const answer = await postGraphQL(targets[side]!.url, bodies[query], headers[side]);
        if (answer.status !== 200 || answer.errors || answer.data?.[query === 'echo' ? 'echo' : 'item'] == null) throw new Error(`${side} ${query}: bad answer ${JSON.stringify(answer)}`);
      }
      const scripts = Object.fromEntries(SIDES.map((s) => [s, postScript(bodies[query], headers[s])])) as Record<Side, string>;
      for (const side of SIDES) wrk(targets[side]!.url, scripts[side], { seconds: WARMUP_SECONDS });
      for (let round = 0; round < ROUNDS; round += 1) {
        // rotate the order so no side always runs first (or right after another side's heat)
        const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length]);
        for (const side of order) {
          const r = measure(targets[side]!, scripts[side], SECONDS);
          if (r.non2xx || r.socketErrors) throw new Error(`${side} ${query}: ${r.non2xx} non-2xx, ${r.socketErrors} socket errors`);
          raw[query][side].push(r);
          process.stdout.write(`  ${query} ${side}: ${Math.round(r.rps)} q/s p50 ${r.p50ms} ms p99 ${r.p99ms} ms cpu ${r.cpuUsPerOp} µs/op\n`);
        }
      }
    }

    const figures: Record<string, unknown> = {
      method: `wrk -t1 -c8 -d${SECONDS}s after a ${WARMUP_SECONDS}s warm-up, ${ROUNDS} rounds with the order rotated; each server its own process; API key auth; DynamoDB Local in memory`,
    };
    for (const query of ['echo', 'getItem'] as Query[]) {
      const r = raw[query];
      const rps = (s: Side) => mean(r[s].map((x) => x.rps));
      const med = (s: Side, k: 'p50ms' | 'p99ms' | 'cpuUsPerOp') => round(mean(r[s].map((x) => x[k])), 2);
      figures[query] = {
        localRps: Math.round(rps('local')),
        amplifyRps: Math.round(rps('amplify')),
        bareRps: Math.round(rps('bare')),
        localVsAmplify: round(rps('local') / rps('amplify'), 2),
        localVsBare: round(rps('local') / rps('bare'), 2),
        p50ms: { local: med('local', 'p50ms'), amplify: med('amplify', 'p50ms'), bare: med('bare', 'p50ms') },
        p99ms: { local: med('local', 'p99ms'), amplify: med('amplify', 'p99ms'), bare: med('bare', 'p99ms') },
        cpuUsPerOp: { local: med('local', 'cpuUsPerOp'), amplify: med('amplify', 'cpuUsPerOp'), bare: med('bare', 'cpuUsPerOp') },
      };
    }
    (figures.getItem as Record<string, unknown>).note =
      'bounded by DynamoDB Local (one JVM on the same 2 cores) and the SDK socket writes for every side: compare cpuUsPerOp more than q/s';
    figures.goals = {
      'localVsAmplify >= 5 (echo)': (figures.echo as { localVsAmplify: number }).localVsAmplify >= 5,
      'localVsAmplify >= 5 (getItem)': (figures.getItem as { localVsAmplify: number }).localVsAmplify >= 5,
      'localVsBare >= 0.5 (echo)': (figures.echo as { localVsBare: number }).localVsBare >= 0.5,
    };
    figures.raw = raw;
    return figures;
  } finally {
    for (const t of Object.values(targets)) await t?.stop();
    await ddb.stop();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.stdout.write(JSON.stringify(await run(), null, 2) + '\n');
}
