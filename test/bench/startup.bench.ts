// Start-up of `npm start` until the feed answers: the real entry point (infra/local/start.ts, as `npm start`
// runs it, without the web dev server) in its own process, in a fresh folder (first start: tables, user pool
// and demo data seeded through the real upload path) and again on that folder (warm start), on free ports.
// Time = process spawn → the first `feed` query over HTTP that returns posts; then Ctrl-C (SIGINT) and the
// time until every process has exited.
//   npx tsx test/bench/run.ts startup
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from '../../infra/local/services/ports.js';
import { LOCAL_API_KEY } from '../../infra/local/start.js';
import { postGraphQL } from './lib/http.js';
import { round } from './lib/stats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FEED = { query: '{ feed(limit: 5) { items { id } } }' };

async function feedAnswers(url: string): Promise<boolean> {
  try {
    const answer = await postGraphQL<{ feed?: { items: unknown[] } }>(url, FEED, { 'x-api-key': LOCAL_API_KEY });
    return (answer.data?.feed?.items.length ?? 0) > 0;
  } catch {
    return false; // not listening yet
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** One `npm start` from spawn to a feed with posts, then a clean stop. */
async function startOnce(localDir: string): Promise<{ feedAnswersS: number; stopS: number }> {
  const [appsync, dynamodb, s3, cognito] = await freePorts(4);
  const args = ['--no-web', '--local-dir', localDir, '--appsync-port', appsync, '--dynamodb-port', dynamodb, '--s3-port', s3, '--cognito-port', cognito].map(String);
  const began = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/start.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (d) => output.push(String(d)));
  child.stderr!.on('data', (d) => output.push(String(d)));
  const url = `http://127.0.0.1:${appsync}/graphql`;
  const deadline = Date.now() + 180_000;
  while (!(await feedAnswers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`npm start did not serve the feed:\n${output.join('').slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const feedAnswersS = (performance.now() - began) / 1000;
  // the seed may still be writing; let it finish so the warm start finds a complete folder
  while (!output.join('').includes('ready in') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  const stopping = performance.now();
  child.kill('SIGINT');
  await exited(child);
  return { feedAnswersS: round(feedAnswersS), stopS: round((performance.now() - stopping) / 1000) };
}

export async function run(): Promise<Record<string, unknown>> {
  const localDir = mkdtempSync(path.join(tmpdir(), 'bench-start-'));
  try {
    const first = await startOnce(localDir);
    const warm = await startOnce(localDir);
    return {
      method: 'infra/local/start.ts --no-web in its own process, free ports, a fresh --local-dir; time from spawn to the first feed query with posts; then SIGINT until exit',
      firstStartFeedAnswersS: first.feedAnswersS,
      warmStartFeedAnswersS: warm.feedAnswersS,
      stopS: Math.max(first.stopS, warm.stopS),
      measuredAt: new Date().toISOString(),
    };
  } finally {
    rmSync(localDir, { recursive: true, force: true });
  }
}
