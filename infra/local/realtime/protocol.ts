// The AppSync real-time WebSocket protocol (subprotocol `graphql-ws`, AWS flavour), as described in the
// AppSync developer guide "Building a real-time WebSocket client" and as aws-amplify v6 speaks it:
//   client → server: connection_init, start {id, payload: {data: JSON string {query, variables},
//                    extensions: {authorization: {...headers}}}}, stop {id}
//   server → client: connection_ack {connectionTimeoutMs}, ka, start_ack {id}, data {id, payload},
//                    error {id?, payload: {errors}}, complete {id}, connection_error {payload: {errors}}
// Connection auth comes either as the base64 `header` query parameter (+ `payload=e30=`) or, from
// aws-amplify v6, as a `header-<base64url JSON>` subprotocol next to `graphql-ws`.
import type { IncomingMessage } from 'node:http';

export const SUBPROTOCOL = 'graphql-ws';
export const REALTIME_PATH = '/graphql/realtime';
/** What AppSync announces in connection_ack: the client drops the connection after this long without a ka. */
export const CONNECTION_TIMEOUT_MS = 300_000;
/** AppSync sends a keep-alive about every minute. */
export const KEEP_ALIVE_MS = 60_000;
/** AppSync quota: subscriptions per WebSocket connection. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

export interface ProtocolError {
  errorType: string;
  message: string;
  errorCode?: number;
}

export type ServerMessage =
  | { type: 'connection_ack'; payload: { connectionTimeoutMs: number } }
  | { type: 'connection_error'; payload: { errors: ProtocolError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: { data: unknown; errors?: unknown[] } }
  | { type: 'error'; id?: string; payload: { errors: ProtocolError[] } }
  | { type: 'complete'; id: string };

export type ClientMessage =
  | { type: 'connection_init'; payload?: unknown }
  | { type: 'start'; id: string; payload: StartPayload }
  | { type: 'stop'; id: string };

export interface StartPayload {
  /** JSON string of {query, variables, operationName?} */
  data: string;
  extensions?: { authorization?: Record<string, string> };
}

export interface SubscriptionRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** Errors as AppSync words them (real-time guide and observed responses). */
export const errors = {
  subprotocol: (): ProtocolError => ({ errorType: 'SubProtocolNotSupportedError', message: 'SubProtocolNotSupportedError', errorCode: 400 }),
  unauthorizedConnection: (): ProtocolError => ({
    errorType: 'UnauthorizedException',
    message: 'You are not authorized to make this call.',
    errorCode: 401,
  }),
  unauthorized: (): ProtocolError => ({ errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' }),
  fieldUnauthorized: (field: string, type = 'Subscription'): ProtocolError => ({
    errorType: 'Unauthorized',
    message: `Not Authorized to access ${field} on type ${type}`,
  }),
  badJson: (detail: string): ProtocolError => ({ errorType: 'BadRequestException', message: `Invalid message: ${detail}` }),
  unknownType: (type: unknown): ProtocolError => ({
    errorType: 'UnsupportedOperation',
    message: `${typeof type === 'string' ? type : 'unknown'} not supported through the realtime channel`,
  }),
  operationType: (operation: string): ProtocolError => ({
    errorType: 'UnsupportedOperation',
    message: `${operation} not supported through the realtime channel`,
  }),
  duplicate: (id: string): ProtocolError => ({ errorType: 'DuplicatedOperationError', message: `Duplicate subscription id ${id}` }),
  tooMany: (): ProtocolError => ({
    errorType: 'MaxSubscriptionsReachedError',
    message: `Max number of ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions reached`,
  }),
  validation: (message: string): ProtocolError => ({ errorType: 'ValidationError', message }),
  internal: (message: string): ProtocolError => ({ errorType: 'InternalFailure', message }),
};

function decodeBase64Json(text: string, what: string): Record<string, string> {
  // base64url (Amplify v6 subprotocol) and plain base64 (query parameter) both decode with 'base64url'
  // once '+' and '/' are mapped; Node's decoder accepts missing padding.
  const normalized = text.replace(/\+/g, '-').replace(/\//g, '_');
  const json = Buffer.from(normalized, 'base64url').toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`${what} is not base64-encoded JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${what} must encode a JSON object`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') headers[k] = v;
  return headers;
}

/** The subprotocols the client offered (Sec-WebSocket-Protocol, comma-separated). */
export function offeredProtocols(req: IncomingMessage): string[] {
  const raw = req.headers['sec-websocket-protocol'];
  return (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * The connection's auth headers: `header-<base64url>` subprotocol (aws-amplify v6) or the `header` query
 * parameter. Returns undefined when neither is present; throws when one is present but malformed.
 */
export function connectionHeaders(req: IncomingMessage): Record<string, string> | undefined {
  const fromProtocol = offeredProtocols(req).find((p) => p.startsWith('header-'));
  if (fromProtocol) return decodeBase64Json(fromProtocol.slice('header-'.length), 'the header- subprotocol');
  const url = new URL(req.url ?? '/', 'http://local');
  const header = url.searchParams.get('header');
  if (header) return decodeBase64Json(header, 'the header query parameter');
  return undefined;
}

/** Parse one client frame; returns an error to send back when it is not a well-formed message. */
export function parseClientMessage(raw: string): { message?: ClientMessage; error?: ProtocolError } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { error: errors.badJson('not JSON') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: errors.badJson('expected a JSON object') };
  const msg = value as Record<string, unknown>;
  switch (msg.type) {
    case 'connection_init':
      return { message: { type: 'connection_init', payload: msg.payload } };
    case 'start': {
      if (typeof msg.id !== 'string' || msg.id === '') return { error: errors.badJson('start needs a string id') };
      const payload = msg.payload as Record<string, unknown> | undefined;
      if (!payload || typeof payload.data !== 'string') return { error: errors.badJson('start needs payload.data (a JSON string)') };
      return { message: { type: 'start', id: msg.id, payload: payload as unknown as StartPayload } };
    }
    case 'stop':
      if (typeof msg.id !== 'string' || msg.id === '') return { error: errors.badJson('stop needs a string id') };
      return { message: { type: 'stop', id: msg.id } };
    default:
      return { error: errors.unknownType(msg.type) };
  }
}

/** payload.data of a start message: {query, variables}. */
export function parseSubscriptionRequest(data: string): { request?: SubscriptionRequest; error?: ProtocolError } {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { error: errors.badJson('payload.data is not JSON') };
  }
  const v = value as Record<string, unknown> | null;
  if (!v || typeof v.query !== 'string') return { error: errors.badJson('payload.data needs a query string') };
  const variables = v.variables && typeof v.variables === 'object' ? (v.variables as Record<string, unknown>) : {};
  const operationName = typeof v.operationName === 'string' ? v.operationName : undefined;
  return { request: { query: v.query, variables, operationName } };
}

// ---------- client side: aws-amplify v6 against the local endpoint ----------

/**
 * aws-amplify v6 always turns the GraphQL endpoint into a `wss://` real-time URL (it replaces `http://` too),
 * and the local server speaks plain HTTP. Loopback `wss://` URLs are rewritten to `ws://`; anything else
 * (a deployed API) is left alone.
 */
export function plainLoopbackUrl(url: string | URL): string {
  return String(url).replace(/^wss:\/\/(127\.0\.0\.1|localhost|\[::1\])(?=[:/]|$)/, 'ws://$1');
}

type WebSocketCtor = new (url: string | URL, protocols?: string | string[]) => object;

/**
 * A WebSocket class that connects to the local real-time endpoint over ws:// (browser or Node `ws`):
 *   globalThis.WebSocket = localWebSocket(globalThis.WebSocket)   // before Amplify subscribes, local dev only
 * No Node imports here, so the web app can use it too.
 */
export function localWebSocket<T extends WebSocketCtor>(Base: T): T {
  const Local = class extends (Base as WebSocketCtor) {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(plainLoopbackUrl(url), protocols);
    }
  };
  return Local as unknown as T;
}
