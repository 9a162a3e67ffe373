// Shared parts of the reliability and security suites (test/stress/**, test/integration/stress-short/**):
// a full local stack with the rewards function behind a fault-injection wrapper, callers in every auth mode
// (API key, Cognito id token, IAM SigV4, none, forged/expired/wrong-audience tokens), and a small
// raw-WebSocket AppSync real-time client.
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import WebSocket from 'ws';
import { api as baseApi } from '../../infra/api/index.js';
import type { ApiDescription } from '../../infra/api/types.js';
import { LOCAL_IAM, startStack, type Stack } from '../../infra/local/start.js';
import { freePorts } from '../../infra/local/services/index.js';

process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

export const PASSWORD = 'Passw0rd!stress';

/** The API description with the rewards function replaced by test/stress/faults/rewards (same triggers). */
export function faultyApi(): ApiDescription {
  return {
    ...baseApi,
    functions: { ...baseApi.functions, rewards: { ...baseApi.functions.rewards, dir: '../test/stress/faults/rewards' } },
  };
}

export interface StressStack {
  stack: Stack;
  dataDir: string;
  ports: { appsync: number; dynamodb: number; s3: number; cognito: number };
  /** stop everything and start again on the same ports and data folder (DynamoDB persisted on disk) */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A whole local stack on free ports in a temp folder; `persist` keeps DynamoDB on disk (for restarts). */
export async function startStressStack(opts: { persist?: boolean; faults?: boolean } = {}): Promise<StressStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stress-'));
  const [appsync, dynamodb, s3, cognito] = await freePorts(4);
  const ports = { appsync, dynamodb, s3, cognito };
  const start = () =>
    startStack({
      dataDir,
      ports,
      api: opts.faults ? faultyApi() : baseApi,
      inMemoryDynamoDB: !opts.persist,
      web: false,
      scheduleTimers: false,
      pollMs: 50,
      log: () => {},
    });
  const self: StressStack = {
    stack: await start(),
    dataDir,
    ports,
    async restart() {
      await self.stack.stop();
      self.stack = await start();
    },
    async stop() {
      await self.stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

// ---------- callers ----------

export type Auth =
  | { kind: 'none' }
  | { kind: 'apiKey'; key: string }
  | { kind: 'token'; token: string }
  | { kind: 'iam'; accessKeyId: string; secretAccessKey: string; date?: Date; tamper?: boolean }
  | { kind: 'raw'; headers: Record<string, string> };

export interface GqlAnswer {
  status: number;
  data?: Record<string, any> | null;
  errors?: Array<{ errorType?: string | null; message: string; path?: unknown[]; data?: unknown; errorInfo?: unknown }>;
}

async function iamHeaders(url: string, body: string, auth: Extract<Auth, { kind: 'iam' }>): Promise<Record<string, string>> {
  const u = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', sha256: Sha256, credentials: auth });
  const signed = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: u.protocol, hostname: u.hostname, port: Number(u.port), path: u.pathname, headers: { host: u.host, 'content-type': 'application/json' }, body }),
    auth.date ? { signingDate: auth.date } : undefined,
  );
  return signed.headers as Record<string, string>;
}

export async function authHeaders(url: string, body: string, auth: Auth): Promise<Record<string, string>> {
  switch (auth.kind) {
    case 'none':
      return {};
    case 'apiKey':
      return { 'x-api-key': auth.key };
    case 'token':
      return { authorization: auth.token };
    case 'iam':
      return iamHeaders(url, body, auth);
    case 'raw':
      return auth.headers;
  }
}

/** POST a GraphQL request; a network failure rejects (the caller decides whether it was acknowledged). */
export async function gql(url: string, auth: Auth, query: string, variables: Record<string, unknown> = {}, rawBody?: string): Promise<GqlAnswer> {
  const body = rawBody ?? JSON.stringify({ query, variables });
  // a tampered IAM request: signed for one body, sent with another
  const signedBody = auth.kind === 'iam' && auth.tamper ? JSON.stringify({ query: `${query} `, variables }) : body;
  const headers = { 'content-type': 'application/json', ...(await authHeaders(url, signedBody, auth)) };
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: GqlAnswer;
  try {
    parsed = JSON.parse(text) as GqlAnswer;
  } catch {
    throw new Error(`HTTP ${res.status}: not JSON: ${text.slice(0, 200)}`);
  }
  return { ...parsed, status: res.status };
}

/** Data of a request that must succeed; otherwise an error naming the operation and the errors. */
export async function must<T = any>(url: string, auth: Auth, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const answer = await gql(url, auth, query, variables);
  if (answer.errors?.length || !answer.data) {
    throw new Error(`${query.trim().split(/[({]/)[0]}: HTTP ${answer.status} ${JSON.stringify(answer.errors)}`);
  }
  return answer.data as T;
}

export const iamAuth = (): Auth => ({ kind: 'iam', ...LOCAL_IAM });

export interface TestUser {
  name: string;
  email: string;
  sub: string;
  idToken: string;
  accessToken: string;
  auth: Auth;
}

/** Cognito users (optionally admins) signed in, each with a handle set through the API (made concurrently). */
export async function createUsers(stack: Stack, prefix: string, count: number, opts: { admin?: boolean } = {}): Promise<TestUser[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${prefix}${i}`;
      const email = `${name}@example.com`;
      const { sub } = await stack.pool.createUser(email, PASSWORD, opts.admin ? { groups: ['admins'] } : undefined);
      const t = await stack.pool.signIn(email, PASSWORD);
      const user: TestUser = { name, email, sub, idToken: t.IdToken, accessToken: t.AccessToken, auth: { kind: 'token', token: t.IdToken } };
      await must(stack.graphqlUrl, user.auth, 'mutation P($i: UpdateProfileInput!) { updateProfile(input: $i) { id } }', { i: { handle: name.toLowerCase().replace(/[^a-z0-9_]/g, '_') } });
      return user;
    }),
  );
}

// ---------- tokens that must be refused ----------

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function decode(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
}

/** cognito-local signs with a key shipped in its package (local use only): re-sign changed claims with it. */
function cognitoLocalKey(): string {
  const require = createRequire(import.meta.url);
  const file = require.resolve('cognito-local/lib/keys/cognitoLocal.private.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { pem: string }).pem;
}

function sign(header: Record<string, unknown>, payload: Record<string, unknown>, pem: string): string {
  const data = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign('RSA-SHA256').update(data).sign(pem).toString('base64url');
  return `${data}.${signature}`;
}

/** Variants of a real id token that AppSync refuses, all for the same user (admin, when `token` is an admin's). */
export function badTokens(token: string): Record<string, string> {
  const { header, payload } = decode(token);
  const now = Math.floor(Date.now() / 1000);
  const key = cognitoLocalKey();
  const [h, p, s] = token.split('.');
  // flip one character in the middle of the signature
  const flipped = s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11);
  return {
    // claims changed (to the admins group) without the key: the signature no longer matches
    forgedClaims: `${h}.${b64url({ ...payload, 'cognito:groups': ['admins'], sub: 'someone-else' })}.${s}`,
    badSignature: `${h}.${p}.${flipped}`,
    algNone: `${b64url({ alg: 'none', typ: 'JWT' })}.${p}.`,
    expired: sign(header, { ...payload, iat: now - 7200, exp: now - 3600 }, key),
    wrongAudience: sign(header, { ...payload, aud: 'some-other-client' }, key),
    wrongIssuer: sign(header, { ...payload, iss: 'http://127.0.0.1:1/local_other' }, key),
    accessAsIdWrongUse: sign(header, { ...payload, token_use: 'refresh' }, key),
    garbage: 'not-a-jwt',
    empty: 'Bearer ',
  };
}

// ---------- a raw AppSync real-time client ----------

export interface RealtimeMessage {
  type: string;
  id?: string;
  payload?: any;
}

export interface RawRealtime {
  socket: WebSocket;
  messages: RealtimeMessage[];
  /** resolves with the first message (already received or future) matching */
  next(pred: (m: RealtimeMessage) => boolean, timeoutMs?: number): Promise<RealtimeMessage>;
  start(id: string, query: string, variables: Record<string, unknown>, authorization: Record<string, string>): void;
  close(): void;
}

/** Connect with the base64 `header` query parameter form and wait for connection_ack. */
export async function connectRealtime(realtimeUrl: string, graphqlUrl: string, headers: Record<string, string>): Promise<RawRealtime> {
  const host = new URL(graphqlUrl).host;
  const header = Buffer.from(JSON.stringify({ host, ...headers })).toString('base64');
  const socket = new WebSocket(`${realtimeUrl}?header=${encodeURIComponent(header)}&payload=e30=`, ['graphql-ws']);
  const messages: RealtimeMessage[] = [];
  const waiters = new Set<{ pred: (m: RealtimeMessage) => boolean; resolve: (m: RealtimeMessage) => void }>();
  socket.on('message', (raw) => {
    let m: RealtimeMessage;
    try {
      m = JSON.parse(String(raw)) as RealtimeMessage;
    } catch {
      m = { type: '<unparseable>', payload: String(raw) };
    }
    messages.push(m);
    for (const w of waiters) {
      if (w.pred(m)) {
        waiters.delete(w);
        w.resolve(m);
      }
    }
  });
  const client: RawRealtime = {
    socket,
    messages,
    next(pred, timeoutMs = 10_000) {
      const hit = messages.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (m: RealtimeMessage) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching realtime message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    start(id, query, variables, authorization) {
      socket.send(JSON.stringify({ type: 'start', id, payload: { data: JSON.stringify({ query, variables }), extensions: { authorization: { host, ...authorization } } } }));
    },
    close: () => socket.close(),
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`realtime handshake refused: HTTP ${res.statusCode}`)));
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await client.next((m) => m.type === 'connection_ack' || m.type === 'connection_error');
  return client;
}

/** A tiny seeded PRNG (mulberry32) so a failing run can be replayed with the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
