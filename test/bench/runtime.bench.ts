// APPSYNC_JS engine speed: evaluating loaded handlers, a 3-function NONE pipeline, and loading.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildContext } from '../../infra/local/runtime/context.js';
import { runHandler } from '../../infra/local/runtime/evaluate.js';
import { loadResolver, loadResolverCode } from '../../infra/local/runtime/load.js';
import { resolveField, type Invoke } from '../../infra/local/runtime/pipeline.js';

export const name = 'runtime';

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (n: number) => Math.round(n * 100) / 100;
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length), n: s.length };
}

const nowUs = () => Number(process.hrtime.bigint()) / 1000;

const SIMPLE = `import { util } from '@aws-appsync/utils';
export function request(ctx) {
  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ PK: 'POST#' + ctx.args.id, SK: 'POST' }) };
}
export function response(ctx) { return ctx.result; }`;

const FN = (i: number) => `export function request(ctx) { ctx.stash.n = (ctx.stash.n ?? 0) + 1; return { step: ${i}, prev: ctx.prev.result }; }
export function response(ctx) { return ctx.result; }`;

const noInvoke: Invoke = async () => {
  throw new Error('NONE only');
};

export async function run(): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};

  // loading: the very first load also boots ESLint (the checker); later cold loads bundle+check+compile
  let t = nowUs();
  await loadResolverCode(SIMPLE + '\n// first', 'first.js');
  figures.loadFirstEverMs = Math.round((nowUs() - t) / 10) / 100;
  const dir = mkdtempSync(path.join(tmpdir(), 'appsync-bench-'));
  const cold: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const file = path.join(dir, `r${i}.ts`);
    writeFileSync(file, `${SIMPLE}\n// file ${i}\n`);
    t = nowUs();
    await loadResolver(file);
    cold.push((nowUs() - t) / 1000);
    for (let j = 0; j < 50; j += 1) {
      t = nowUs();
      await loadResolver(file);
      cached.push(nowUs() - t);
    }
  }
  figures.loadColdMs = percentiles(cold);
  figures.loadCachedUs = percentiles(cached);

  // one cached request handler
  const simple = await loadResolverCode(SIMPLE, 'simple.js');
  const ctx = buildContext({ arguments: { id: 'p1' }, info: { fieldName: 'getPost', parentTypeName: 'Query' } });
  for (let i = 0; i < 20_000; i += 1) runHandler(simple, 'request', ctx);
  const simpleSamples: number[] = [];
  for (let i = 0; i < 100_000; i += 1) {
    t = nowUs();
    runHandler(simple, 'request', ctx);
    simpleSamples.push(nowUs() - t);
  }
  figures.simpleRequestUs = percentiles(simpleSamples);

  // a pipeline resolver: before + 3 NONE functions + after (8 handler calls)
  const resolver = {
    kind: 'PIPELINE' as const,
    code: await loadResolverCode('export function request(ctx) { return {}; }\nexport function response(ctx) { return ctx.prev.result; }', 'pipe.js'),
    functions: [{ code: await loadResolverCode(FN(1), 'f1.js') }, { code: await loadResolverCode(FN(2), 'f2.js') }, { code: await loadResolverCode(FN(3), 'f3.js') }],
  };
  for (let i = 0; i < 5_000; i += 1) await resolveField({ resolver, ctx, invoke: noInvoke });
  const pipeSamples: number[] = [];
  for (let i = 0; i < 30_000; i += 1) {
    t = nowUs();
    await resolveField({ resolver, ctx, invoke: noInvoke });
    pipeSamples.push(nowUs() - t);
  }
  figures.pipeline3NoneUs = percentiles(pipeSamples);
  return figures;
}
