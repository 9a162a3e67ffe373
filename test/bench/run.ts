// `npm run bench`: runs every test/bench/*.bench.ts (each exports `run()` returning named figures), writes
// test/bench/results.json (every figure, raw numbers included) and results.md (headline table + every figure
// but the raw arrays), then the cost model (docs/cost-model.md) from the measured figures.
//   npm run bench                 every benchmark (~8 min on the 2-core machine)
//   npm run bench -- server feed  only those (matched by file name); the others' last results are kept
// A benchmark that fails is recorded as {error} and the run goes on; the exit code is then 1.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const resultsFile = path.join(here, 'results.json');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only.length || only.some((o) => f.includes(o))))
  .sort();

type Figures = Record<string, unknown>;
const previous = existsSync(resultsFile) ? ((JSON.parse(readFileSync(resultsFile, 'utf8')) as { results?: Record<string, Figures> }).results ?? {}) : {};
const results: Record<string, Figures> = only.length ? { ...previous } : {};
let failed = 0;
for (const f of files) {
  const name = f.replace(/\.bench\.ts$/, '');
  process.stdout.write(`bench ${f} ...\n`);
  const began = Date.now();
  try {
    const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: () => Promise<Figures> };
    results[name] = { ...(await mod.run()), measuredAt: new Date().toISOString() };
  } catch (err) {
    failed += 1;
    results[name] = { error: (err as Error).message.split('\n').slice(0, 3).join(' '), measuredAt: new Date().toISOString() };
    process.stderr.write(`bench ${f} failed: ${(err as Error).stack ?? String(err)}\n`);
  }
  process.stdout.write(`bench ${f} done in ${((Date.now() - began) / 1000).toFixed(0)} s\n`);
}

const doc = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.arch()}`, loadavg: os.loadavg().map((l) => Number(l.toFixed(2))) },
  results,
};
writeFileSync(resultsFile, JSON.stringify(doc, null, 2) + '\n');

// ---------- results.md ----------
const get = (p: string): unknown => p.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), results);
const fmt = (v: unknown) => (v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const headline: Array<[string, string, string]> = [
  ['echo (NONE) q/s: local / Amplify simulator / bare graphql-js', `${fmt(get('server.echo.localRps'))} / ${fmt(get('server.echo.amplifyRps'))} / ${fmt(get('server.echo.bareRps'))}`, `×${fmt(get('server.echo.localVsAmplify'))} vs Amplify (goal ≥ 5), ${fmt(get('server.echo.localVsBare'))} of bare (goal ≥ 0.5)`],
  ['GetItem q/s: local / Amplify / bare', `${fmt(get('server.getItem.localRps'))} / ${fmt(get('server.getItem.amplifyRps'))} / ${fmt(get('server.getItem.bareRps'))}`, `×${fmt(get('server.getItem.localVsAmplify'))} vs Amplify, ${fmt(get('server.getItem.localVsBare'))} of bare`],
  ['server CPU µs/op echo: local / Amplify / bare', fmt(get('server.echo.cpuUsPerOp')), ''],
  ['1,000 subscribers: delivery p50 / p99 ms', `${fmt(get('subscriptions.deliveryP50ms'))} / ${fmt(get('subscriptions.deliveryP99ms'))}`, `${fmt(get('subscriptions.kbPerConnection'))} KB per connection`],
  ['feed page of 20: p50 / p99 ms', `${fmt(get('feed.pageLatencyMs.p50'))} / ${fmt(get('feed.pageLatencyMs.p99'))}`, `${fmt(get('feed.dynamodbRequestsPerPage.max'))} DynamoDB request, ${fmt(get('feed.readUnitsPerPage.max'))} RRU per page`],
  ['like → coins notification p50 / p99 ms', `${fmt(get('coins.likeToCoinsMs.p50'))} / ${fmt(get('coins.likeToCoinsMs.p99'))}`, 'full local stack, stream poll 200 ms'],
  ['npm start until the feed answers s: first start (seeding) / warm', `${fmt(get('startup.firstStartFeedAnswersS'))} / ${fmt(get('startup.warmStartFeedAnswersS'))}`, `stops in ${fmt(get('startup.stopS'))} s on Ctrl-C`],
  ['web: initial JS gzip KB / feed LCP ms / image requests (bytes) before the first swipe', `${fmt(get('web.initialJsGzipKB'))} / ${fmt(get('web.feedLcpMsMedian'))} / ${fmt(get('web.imageRequestsBeforeFirstSwipe'))} (${fmt(get('web.imageBytesBeforeFirstSwipe'))})`, 'Chromium, phone viewport, cold cache'],
];
const md = [
  '# Benchmarks',
  '',
  `${doc.date} · Node ${process.version} · ${doc.machine.cpus} × ${doc.machine.cpu ?? 'cpu'} · load average ${doc.machine.loadavg.join(' ')} (other work on the machine skews absolute figures; ratios come from alternated runs)`,
  '',
  '| headline | value | compared |',
  '| --- | --- | --- |',
  ...headline.map(([k, v, c]) => `| ${k} | ${v} | ${c} |`),
  '',
  'Cost model: docs/cost-model.md. Raw numbers: results.json.',
  '',
];
/** Flatten nested figures to `a.b` rows; raw arrays stay in results.json only. */
function rows(prefix: string, value: unknown, out: string[]): void {
  if (value && typeof value === 'object' && !Array.isArray(value) && !('p50' in value)) {
    for (const [k, v] of Object.entries(value)) if (k !== 'raw') rows(prefix ? `${prefix}.${k}` : k, v, out);
  } else out.push(`| ${prefix} | ${fmt(value)} |`);
}
for (const [bench, figures] of Object.entries(results)) {
  md.push(`## ${bench}`, '', '| figure | value |', '| --- | --- |');
  rows('', figures, md);
  md.push('');
}
writeFileSync(path.join(here, 'results.md'), md.join('\n'));

// ---------- cost model from what was measured ----------
const cost = await import(pathToFileURL(path.join(here, '../../scripts/cost-model.ts')).href);
const measured = cost.measuredFromResults(resultsFile);
const bills = [1_000, 10_000, 100_000].map((mau: number) => cost.monthlyBill(mau, measured));
writeFileSync(path.join(here, '../../docs/cost-model.md'), cost.renderMarkdown(bills, measured));

process.stdout.write(md.join('\n') + '\n');
process.stdout.write(`cost model: ${bills.map((b: { mau: number; totalAfterFreeTiers: number }) => `${b.mau} MAU $${b.totalAfterFreeTiers.toFixed(0)}/month`).join(', ')} → docs/cost-model.md\n`);
if (failed) process.exit(1);
