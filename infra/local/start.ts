// `npm start`: the whole product on one machine, bound to 127.0.0.1 — DynamoDB Local, the S3 emulator,
// cognito-local (+ refresh shim), the local AppSync server (HTTP + real-time WebSocket), the event sources
// (stream poller, S3 events, schedules, dead letters), demo data, the Vite dev server for web/ — with the
// client config at .local/amplify-config.json and all data in .local/data/.
//   npm start                      start (seeding demo data on first start)
//   npm start -- --reset           wipe .local/data first
//   npm start -- --local-dir /tmp/x   keep data/ and the client config in another folder
//   npm start -- --no-seed --no-web --appsync-port 20002 --dynamodb-port 8000 --s3-port 4569 --cognito-port 9229 --web-port 5173
// `startStack()` is the same thing as a library, for integration tests (free ports, a temp data folder).
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ResourcesConfig } from 'aws-amplify';
import { api as defaultApi } from '../api/index.js';
import type { ApiDescription } from '../api/types.js';
import { AMPLIFY_CONFIG_FILE, amplifyConfig, writeAmplifyConfig } from './config.js';
import { createLambdaDataSource, resolveEnvRefs, type LocalResources } from './datasources/index.js';
import { createDeadLetterStore, type DeadLetterStore, type InvokeFunction } from './events/dead-letters.js';
import { routeS3Events, type S3EventRouter } from './events/s3-events.js';
import { startSchedules, type Schedules } from './events/schedules.js';
import { localStreamsClient, startStreamPoller, type StreamPoller } from './events/stream-poller.js';
import { attachToServer, type Realtime } from './realtime/index.js';
import { buildContext } from './runtime/context.js';
import { createAppSyncServer, type AppSyncServer } from './server/app.js';
import {
  assertPortFree,
  createLocalJwtVerifier,
  ensureUserPool,
  LOCAL_REGION,
  localDynamoDBClient,
  spawnService,
  startLocalServices,
  type LocalServices,
  type LocalUserPool,
  type ManagedProcess,
} from './services/index.js';
import { createTable } from './tables.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(here, '../..');

/** Local-only secrets: the API key clients send and the key pair the notifier signs its SigV4 calls with. */
export const LOCAL_API_KEY = 'da2-localdevelopmentkey000000';
export const LOCAL_IAM = { accessKeyId: 'AKIALOCALNOTIFIER000', secretAccessKey: 'local-notifier-secret' } as const;
const POOL = { poolName: 'social-feed', clientName: 'web', groups: ['admins'] };

export interface StackPorts {
  appsync?: number;
  dynamodb?: number;
  s3?: number;
  cognito?: number;
  web?: number;
}

export interface StackOptions {
  repoRoot?: string;
  api?: ApiDescription;
  /** everything persistent lives here */
  dataDir: string;
  /** 0 or undefined = defaults for npm start; tests pass free ports */
  ports?: StackPorts;
  inMemoryDynamoDB?: boolean;
  /** start the Vite dev server when web/ has one. Default true. */
  web?: boolean;
  /** write the Amplify config here (absolute) */
  configFile?: string;
  /** run scheduled functions on their timers. Default true. */
  scheduleTimers?: boolean;
  /** stream poll interval (ms). Default 200. */
  pollMs?: number;
  keepAliveMs?: number;
  log?: (line: string) => void;
}

export interface Stack {
  graphqlUrl: string;
  realtimeUrl: string;
  webUrl?: string;
  region: string;
  apiKey: string;
  pool: LocalUserPool;
  config: ResourcesConfig;
  services: LocalServices;
  server: AppSyncServer;
  realtime: Realtime;
  poller: StreamPoller;
  s3Events: S3EventRouter;
  schedules: Schedules;
  deadLetters: DeadLetterStore;
  /** calls a function of the description in process (as the event sources do) */
  invoke: InvokeFunction;
  /** waits until the stream and S3 event queues are drained (after writes) */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** In-process invokers for every function of the description, each with its own resolved environment. */
function functionInvoker(api: ApiDescription, repoRoot: string, resources: LocalResources, lambdaEnv: Record<string, string>): InvokeFunction {
  const invokers = new Map(
    Object.entries(api.functions).map(([name, def]) => [
      name,
      createLambdaDataSource({ name, def, repoRoot, env: { ...lambdaEnv, ...resolveEnvRefs(def.env, resources) } }),
    ]),
  );
  return async (name, event) => {
    const call = invokers.get(name);
    if (!call) throw new Error(`function ${name} is not in the API description`);
    const answer = await call({ operation: 'Invoke', payload: event }, buildContext());
    if ('error' in answer) throw new Error(answer.error.message);
    return answer.result;
  };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  const api = opts.api ?? defaultApi;
  const log = opts.log ?? ((line: string) => console.log(line));
  const ports = opts.ports ?? {};
  const region = LOCAL_REGION;
  const stops: Array<() => Promise<unknown>> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err: Error) => log(`stop: ${err.message}`));
    stops.length = 0;
  };

  try {
    const appsyncPort = ports.appsync ?? 20002;
    if (appsyncPort) await assertPortFree(appsyncPort, 'AppSync', '--appsync-port');
    const bucketNames = Object.fromEntries(Object.keys(api.buckets).map((b) => [b, b]));
    const services = await startLocalServices({
      dataDir: opts.dataDir,
      inMemoryDynamoDB: opts.inMemoryDynamoDB,
      ports: { dynamodb: ports.dynamodb, s3: ports.s3, cognito: ports.cognito },
      buckets: Object.values(bucketNames),
    });
    stops.push(() => services.stop());

    const pool = await ensureUserPool(services.cognito.endpoint, POOL);
    const dynamodb = localDynamoDBClient(services.dynamodb.endpoint);
    stops.push(async () => dynamodb.destroy());
    const tableNames: Record<string, string> = {};
    for (const [logical, def] of Object.entries(api.tables)) {
      tableNames[logical] = `${api.name}-${logical}`;
      await createTable(dynamodb, def, tableNames[logical]);
    }

    const resources = {
      tables: tableNames,
      buckets: bucketNames,
      // path-style emulator URLs stand in for CloudFront
      bucketUrls: Object.fromEntries(Object.values(bucketNames).map((b) => [b, `${services.s3.endpoint}/${b}`])),
    };
    const lambdaEnv = {
      AWS_REGION: region,
      DYNAMODB_ENDPOINT: services.dynamodb.endpoint,
      S3_ENDPOINT: services.s3.endpoint,
      // the notifier signs its IAM-only mutations with these; the server accepts exactly this pair
      AWS_ACCESS_KEY_ID: LOCAL_IAM.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_IAM.secretAccessKey,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    };
    const verifier = { cognitoEndpoint: services.cognito.endpoint, userPoolId: pool.userPoolId, clientId: pool.clientId };
    const server = await createAppSyncServer({
      api,
      repoRoot,
      port: appsyncPort,
      apiKeys: [LOCAL_API_KEY],
      // Amplify v6 sends access tokens; other clients often id tokens: accept both, as AppSync does
      cognito: [await createLocalJwtVerifier(verifier), await createLocalJwtVerifier({ ...verifier, tokenUse: 'access' })],
      iamCredentials: [LOCAL_IAM],
      dynamodb,
      resources,
      lambdaEnv,
      log,
    });
    stops.push(() => server.close());
    const realtime = attachToServer(server, { keepAliveMs: opts.keepAliveMs, onError: (err) => log(`realtime: ${(err as Error).message}`) });
    stops.push(() => realtime.close());

    const invoke = functionInvoker(api, repoRoot, { ...resources, graphqlUrl: server.url }, lambdaEnv);
    const deadLetters = createDeadLetterStore(path.join(opts.dataDir, 'dead-letters.jsonl'), (letter) =>
      log(`dead letter: ${letter.function} (${letter.source}) failed ${letter.attempts}× — ${letter.error} → ${path.relative(process.cwd(), path.join(opts.dataDir, 'dead-letters.jsonl'))}`),
    );
    const poller = await startStreamPoller({
      api,
      tableNames,
      dynamodb,
      streams: localStreamsClient(services.dynamodb.endpoint, region),
      invoke,
      deadLetters,
      checkpointFile: path.join(opts.dataDir, 'stream-checkpoints.json'),
      pollMs: opts.pollMs,
      onError: (err, where) => log(`streams: ${where}: ${(err as Error).message}`),
    });
    stops.push(() => poller.stop());
    const s3Events = routeS3Events({ api, bucketNames, onObjectCreated: services.s3.onObjectCreated, invoke, deadLetters, region, onError: (err) => log(`s3 events: ${(err as Error).message}`) });
    stops.push(() => s3Events.stop());
    const schedules = startSchedules({ api, invoke, deadLetters, timers: opts.scheduleTimers ?? true, region, onError: (err) => log(`schedules: ${(err as Error).message}`) });
    stops.push(() => schedules.stop());

    const config = amplifyConfig({
      graphqlUrl: server.url,
      region,
      apiKey: LOCAL_API_KEY,
      userPoolId: pool.userPoolId,
      userPoolClientId: pool.clientId,
      userPoolEndpoint: services.cognito.endpoint,
    });
    if (opts.configFile) writeAmplifyConfig(opts.configFile, config);

    let webUrl: string | undefined;
    const webDir = path.join(repoRoot, 'web');
    const hasVite = ['vite.config.ts', 'vite.config.js', 'vite.config.mts'].some((f) => existsSync(path.join(webDir, f)));
    if (opts.web !== false && hasVite) {
      const webPort = ports.web || 5173;
      await assertPortFree(webPort, 'web (Vite)', '--web-port');
      const vite: ManagedProcess = await spawnService({
        name: 'Vite',
        command: process.execPath,
        args: [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(webPort), '--strictPort'],
        cwd: webDir,
        env: { ...process.env, AMPLIFY_CONFIG_FILE: opts.configFile ?? '' },
        ready: async () => (await fetch(`http://127.0.0.1:${webPort}/`)).ok,
        readyTimeoutMs: 60_000,
      });
      stops.push(() => vite.stop());
      webUrl = `http://127.0.0.1:${webPort}/`;
    } else if (opts.web !== false) {
      log('web: skipped — web/ has no vite.config.ts yet');
    }

    return {
      graphqlUrl: server.url,
      realtimeUrl: server.realtimeUrl,
      webUrl,
      region,
      apiKey: LOCAL_API_KEY,
      pool,
      config,
      services,
      server,
      realtime,
      poller,
      s3Events,
      schedules,
      deadLetters,
      invoke,
      async settle(timeoutMs) {
        // S3 → image function → (stream) → ... : drain both until quiet
        await s3Events.settle();
        await poller.settle(timeoutMs);
        await s3Events.settle();
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

// ---------- the npm start command ----------

function parseArgs(argv: string[]): { reset: boolean; seed: boolean; web: boolean; ports: StackPorts; localDir: string } {
  const out = { reset: false, seed: true, web: true, ports: {} as StackPorts, localDir: path.join(REPO_ROOT, '.local') };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const port = /^--(appsync|dynamodb|s3|cognito|web)-port$/.exec(arg);
    if (arg === '--reset') out.reset = true;
    else if (arg === '--no-seed') out.seed = false;
    else if (arg === '--no-web') out.web = false;
    else if (arg === '--local-dir') {
      const value = argv[(i += 1)];
      if (!value) throw new Error('--local-dir needs a folder');
      out.localDir = path.resolve(value);
    }
    else if (port) {
      const value = Number(argv[(i += 1)]);
      if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${arg} needs a port number (1-65535)`);
      out.ports[port[1] as keyof StackPorts] = value;
    } else throw new Error(`unknown option ${arg} (try --reset, --no-seed, --no-web, --local-dir DIR, --<service>-port N)`);
  }
  return out;
}

async function main(): Promise<void> {
  const began = Date.now();
  // Node 20 is what this machine runs; the SDK's notice about its 2027 releases would only clutter the start
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`npm start: ${(err as Error).message}`);
    process.exit(2);
  }
  // one folder holds everything the local stack keeps: data/ and the client config
  const dataDir = path.join(args.localDir, 'data');
  if (args.reset) {
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`reset: wiped ${path.relative(process.cwd(), dataDir)}`);
  }
  const configFile = path.join(args.localDir, path.basename(AMPLIFY_CONFIG_FILE));
  let stack: Stack | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    await stack?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  try {
    stack = await startStack({ dataDir, ports: args.ports, web: args.web, configFile, log: (line) => console.log(line) });
    const s = stack.services;
    console.log(`DynamoDB Local   ${s.dynamodb.endpoint}   (data: ${path.relative(process.cwd(), dataDir)}/dynamodb)`);
    console.log(`S3 (s3rver)      ${s.s3.endpoint}   (bucket: ${Object.keys(defaultApi.buckets).join(', ')})`);
    console.log(`Cognito          ${s.cognito.endpoint}   (pool ${stack.pool.userPoolId}, client ${stack.pool.clientId})`);
    console.log(`AppSync GraphQL  ${stack.graphqlUrl}   (API key ${stack.apiKey})`);
    console.log(`AppSync realtime ${stack.realtimeUrl}`);
    console.log(`Event sources    streams → ${stack.poller.consumers.join(', ')}; S3 → image; schedules: ${Object.keys(stack.schedules.entries).join(', ') || 'none'}`);
    console.log(`Client config    ${path.relative(process.cwd(), configFile)}`);
    if (stack.webUrl) console.log(`Web app          ${stack.webUrl}`);
    if (args.seed) {
      const { seedDemoData } = await import('./seed.js');
      // a seeding failure is reported but does not stop a stack that otherwise works
      await seedDemoData(stack, { dataDir, log: (line) => console.log(line) }).catch((err: Error) => console.error(`seed: failed — ${err.message}`));
    }
    console.log(`ready in ${((Date.now() - began) / 1000).toFixed(1)} s — Ctrl-C stops everything`);
  } catch (err) {
    // one line, no stack trace: services already explain themselves (missing Java, taken port...)
    console.error(`npm start: ${(err as Error).message.split('\n')[0]}`);
    await stack?.stop();
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void main();
}
