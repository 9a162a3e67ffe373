// Real local services for integration tests, on free ports with a throw-away data folder.
//   let services: TestServices;
//   beforeAll(async () => { services = await startServices({ buckets: ['media'] }); });
//   afterAll(() => services?.stop());
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureUserPool,
  freePorts,
  startLocalServices,
  type LocalUserPool,
  type S3Local,
} from '../../infra/local/services/index.js';

export interface StartServicesOptions {
  /** S3 buckets to create. Default ['media']. */
  buckets?: string[];
  /** The Cognito pool created up front. Default: 'test-pool' / 'test-client' with group 'admins'. */
  userPool?: { poolName: string; clientName: string; groups?: string[] };
  /** Keep DynamoDB data on disk in the temp folder instead of memory. Default false. */
  persistDynamoDB?: boolean;
}

export interface TestServices {
  dataDir: string;
  dynamodb: { endpoint: string; pid: number };
  s3: { endpoint: string; onObjectCreated: S3Local['onObjectCreated'] };
  /** The shim endpoint plus the ready pool: ids, issuer, jwksUri, createUser, signIn. */
  cognito: LocalUserPool & { upstreamEndpoint: string; pid: number };
  /** Stop everything and delete the temp folder. */
  stop(): Promise<void>;
}

export async function startServices(opts: StartServicesOptions = {}): Promise<TestServices> {
  const dataDir = await mkdtemp(join(tmpdir(), 'feed-services-'));
  const [dynamodb, s3, cognito] = await freePorts(3);
  let services;
  try {
    services = await startLocalServices({
      dataDir,
      inMemoryDynamoDB: !opts.persistDynamoDB,
      ports: { dynamodb, s3, cognito },
      buckets: opts.buckets ?? ['media'],
    });
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const running = services;
  const stopAll = async () => {
    try {
      await running.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  let pool: LocalUserPool;
  try {
    pool = await ensureUserPool(running.cognito.endpoint, opts.userPool ?? { poolName: 'test-pool', clientName: 'test-client', groups: ['admins'] });
  } catch (err) {
    await stopAll();
    throw err;
  }
  return {
    dataDir,
    dynamodb: { endpoint: running.dynamodb.endpoint, pid: running.dynamodb.pid },
    s3: { endpoint: running.s3.endpoint, onObjectCreated: running.s3.onObjectCreated },
    cognito: { ...pool, upstreamEndpoint: running.cognito.upstreamEndpoint, pid: running.cognito.pid },
    stop: stopAll,
  };
}

/** Local addresses with a listening TCP socket on `port`, from `ss` (e.g. ['127.0.0.1']). */
export function listeningAddresses(port: number): string[] {
  const out = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.trim().split(/\s+/)[3]) // State Recv-Q Send-Q Local:Port Peer:Port
    .map((local) => local.slice(0, local.lastIndexOf(':')).replace(/^\[|\]$/g, '').replace(/^::ffff:/, ''));
}

/** True when a TCP connection to host:port is accepted. */
export function acceptsConnection(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
