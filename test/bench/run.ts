// `npm run bench`: runs every test/bench/*.bench.ts (each exports `run()` returning named figures)
// and writes test/bench/results.json and results.md.
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const results: Record<string, unknown> = {};
for (const f of files) {
  const mod = (await import(pathToFileURL(path.join(here, f)).href)) as { run: () => Promise<Record<string, unknown>> };
  process.stdout.write(`bench ${f} ...\n`);
  results[f.replace(/\.bench\.ts$/, '')] = await mod.run();
}

const doc = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.arch()}` },
  results,
};
writeFileSync(path.join(here, 'results.json'), JSON.stringify(doc, null, 2) + '\n');

const md = [`# Benchmarks`, '', `${doc.date} · Node ${process.version} · ${doc.machine.cpus} × ${doc.machine.cpu ?? 'cpu'}`, ''];
for (const [bench, figures] of Object.entries(results)) {
  md.push(`## ${bench}`, '', '| figure | value |', '| --- | --- |');
  for (const [k, v] of Object.entries(figures as Record<string, unknown>)) md.push(`| ${k} | ${typeof v === 'object' ? JSON.stringify(v) : String(v)} |`);
  md.push('');
}
writeFileSync(path.join(here, 'results.md'), md.join('\n'));
process.stdout.write(md.join('\n') + '\n');
