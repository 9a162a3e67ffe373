// The local AppSync server: hosts the API description (schema, resolvers, data sources, auth) on
// node:http at http://127.0.0.1:<port>/graphql. The real-time layer attaches to `httpServer` (WebSocket
// upgrade at /graphql/realtime) and uses `authenticate`, `rules`, `executor.runField` and `onMutation`.
//
//   const server = await createAppSyncServer({ api, repoRoot, dynamodb, resources, apiKeys: ['local-key'], ... });
//   const realtime = attachToServer(server);   // realtime/index.ts: subscribes to onMutation for you
//   // or by hand: server.onMutation((e) => { e.invalidations → realtime.invalidate; realtime.publish(e.fieldName, e.data) });
//   ...
//   await server.close();
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { GraphQLSchema } from 'graphql';
import type { ApiDescription } from '../../api/types.js';
import { createDataSources, resolveEnvRefs, type LocalResources } from '../datasources/index.js';
import { PortInUseError } from '../services/ports.js';
import { buildAuthRules, createAuthenticator, type Authenticate, type AuthRules, type IamCredential, type JwtVerifierLike } from './auth.js';
import { createExecutor, type Executor, type MutationEvent } from './execute.js';
import { createHttpHandler } from './http.js';
import { resolveLimits, type ServerLimits } from './limits.js';
import { buildAppSyncSchema } from './schema.js';

export type { MutationEvent, SubscriptionInvalidation } from './execute.js';
export type { AuthContext, Authenticate, AuthRequest, AuthRules, IamCredential, JwtVerifierLike } from './auth.js';

export interface AppSyncServerOptions {
  api: ApiDescription;
  /** repo root: schema, builtins, resolver and function files are relative to it */
  repoRoot: string;
  /** default 0 (a free port); always bound to 127.0.0.1 */
  port?: number;
  host?: string;
  /** API keys accepted in `x-api-key` */
  apiKeys?: string[];
  /** verifies Cognito user pool tokens (services' createLocalJwtVerifier; one per token use: id, access) */
  cognito?: JwtVerifierLike | JwtVerifierLike[];
  /** credentials whose SigV4 signatures are accepted (IAM mode) */
  iamCredentials?: IamCredential[];
  /** client for DYNAMODB data sources (DynamoDB Local) */
  dynamodb?: DynamoDBClient;
  /** local names/URLs of the description's tables and buckets; graphqlUrl is filled in by the server */
  resources: Omit<LocalResources, 'graphqlUrl'>;
  /** extra env for in-process Lambda handlers (endpoints, local credentials) */
  lambdaEnv?: Record<string, string>;
  /** injected Lambda handlers by function name (tests) */
  lambdaHandlers?: Record<string, (event: unknown, context: unknown) => unknown>;
  limits?: Partial<ServerLimits>;
  /** ctx.env overrides (default: api.env resolved against resources) */
  env?: Record<string, string>;
  log?: (line: string) => void;
}

export interface AppSyncServer {
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** ws://127.0.0.1:<port>/graphql/realtime (served once the real-time layer attaches) */
  realtimeUrl: string;
  port: number;
  httpServer: Server;
  schema: GraphQLSchema;
  rules: AuthRules;
  authenticate: Authenticate;
  executor: Executor;
  /**
   * subscribe to completed mutations (the trigger for @aws_subscribe, and the carrier of their
   * extensions.invalidateSubscriptions calls); returns an unsubscribe function
   */
  onMutation(listener: (event: MutationEvent) => void): () => void;
  close(): Promise<void>;
}

export async function createAppSyncServer(opts: AppSyncServerOptions): Promise<AppSyncServer> {
  const { api, repoRoot } = opts;
  const log = opts.log ?? ((line: string) => console.error(line));
  const limits = resolveLimits(opts.limits);
  const schema = buildAppSyncSchema({
    builtinsFile: path.join(repoRoot, 'infra/appsync-builtins.graphql'),
    schemaFile: path.join(repoRoot, api.schemaFile),
  });
  const rules = buildAuthRules(schema, api.auth.default);
  const authenticate = createAuthenticator({
    defaultMode: api.auth.default,
    additionalModes: api.auth.additional,
    apiKeys: opts.apiKeys,
    cognito: opts.cognito,
    iam: { credentials: opts.iamCredentials ?? [] },
  });

  const listeners = new Set<(event: MutationEvent) => void>();
  const onMutations = (events: MutationEvent[]) => {
    for (const event of events) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          log(`appsync: mutation listener failed for ${event.fieldName}: ${(err as Error).message}`);
        }
      }
    }
  };

  // Listen first: functions that call the API back need its URL in their environment.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const httpServer = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ errorType: 'ServiceUnavailable', message: 'The local AppSync server is starting' }] }));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') throw new PortInUseError(opts.port ?? 0, 'AppSync', '--appsync-port');
    throw err;
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}/graphql`;
  const close = () =>
    new Promise<void>((resolve) => {
      httpServer.closeAllConnections?.();
      httpServer.close(() => resolve());
    });

  try {
    const resources: LocalResources = { ...opts.resources, graphqlUrl: url };
    const invoke = createDataSources({
      api,
      dynamodb: opts.dynamodb,
      resources,
      repoRoot,
      lambdaEnv: opts.lambdaEnv,
      lambdaHandlers: opts.lambdaHandlers,
      onAsyncError: (err) => log(`appsync: async Lambda invocation failed: ${(err as Error).message}`),
    });
    const env = opts.env ?? resolveEnvRefs(api.env, resources);
    const executor = createExecutor({ schema, resolvers: api.resolvers, repoRoot, invoke, env, rules, limits });
    await executor.load();
    handler = createHttpHandler({ authenticate, executor, limits, onMutations, log });
    return {
      url,
      realtimeUrl: `ws://${host}:${port}/graphql/realtime`,
      port,
      httpServer,
      schema,
      rules,
      authenticate,
      executor,
      onMutation(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
