// Children die with their parent: after Ctrl-C (SIGINT) and even after SIGKILL (no clean-up
// possible) no java or cognito-local process is left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
let dir: string;
let script: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'services-parent-'));
  script = join(dir, 'parent.mts');
  const index = join(root, 'infra/local/services/index.ts');
  await writeFile(
    script,
    `import { freePorts, startLocalServices } from ${JSON.stringify(index)};
const [dynamodb, s3, cognito] = await freePorts(3);
const services = await startLocalServices({ dataDir: ${JSON.stringify(join(dir, 'data'))}, inMemoryDynamoDB: true, ports: { dynamodb, s3, cognito } });
console.log(JSON.stringify({ pids: [services.dynamodb.pid, services.cognito.pid] }));
setInterval(() => {}, 1000);
`,
  );
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startParent(): Promise<{ parent: ChildProcess; pids: number[] }> {
  const parent = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  parent.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const pids = await new Promise<number[]>((resolvePids, reject) => {
    parent.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"pids"'));
      if (line) resolvePids(JSON.parse(line).pids);
    });
    parent.once('exit', (code) => reject(new Error(`parent exited early (${code}): ${err.slice(-500)}`)));
  });
  return { parent, pids };
}

async function waitUntilGone(pids: number[], ms = 10_000): Promise<number[]> {
  const end = Date.now() + ms;
  while (Date.now() < end && pids.some(alive)) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(alive);
}

describe('service processes die with their parent', () => {
  it('on SIGINT (Ctrl-C) the parent exits and stops java and cognito-local', async () => {
    const { parent, pids } = await startParent();
    expect(pids.every(alive)).toBe(true);
    const exited = new Promise((r) => parent.once('exit', (code, signal) => r(signal ?? code)));
    parent.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(await waitUntilGone(pids)).toEqual([]);
  });

  it('on SIGKILL (no clean-up runs) the children notice their closed stdin and exit', async () => {
    const { parent, pids } = await startParent();
    expect(pids.every(alive)).toBe(true);
    parent.kill('SIGKILL');
    expect(await waitUntilGone(pids)).toEqual([]);
  });
});
