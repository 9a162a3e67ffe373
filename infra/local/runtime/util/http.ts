// util.http: copyHeaders for forwarding request headers; addResponseHeader(s) for custom response headers.
// Response headers are kept per evaluation in a WeakMap (state.ts has no slot for them); the engine reads
// them with responseHeadersOf(state()).
import { state, type EvalState } from '../state.js';
import { describe, isPlainObject, type Dict } from './guards.js';

// Hop-by-hop headers and those the HTTP data source sets itself; AWS does not publish its exact list.
const RESTRICTED = new Set([
  'host', 'content-length', 'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization',
  'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect',
]);
// Response headers AppSync itself sends; a resolver cannot override them.
const RESERVED_RESPONSE = new Set([
  ...RESTRICTED, 'content-type', 'content-encoding', 'date', 'vary', 'access-control-allow-origin',
  'access-control-allow-headers', 'access-control-allow-methods', 'access-control-expose-headers',
  'access-control-max-age', 'access-control-allow-credentials', 'set-cookie', 'server', 'via',
]);
const MAX_RESPONSE_HEADER_BYTES = 4096;

const headersByEval = new WeakMap<EvalState, Record<string, string>>();

export function copyHeaders(headers: unknown): Dict {
  if (headers === null || headers === undefined) return {};
  if (!isPlainObject(headers)) throw new TypeError(`util.http.copyHeaders: expected an object, got ${describe(headers)}`);
  const out: Dict = {};
  for (const [k, v] of Object.entries(headers)) if (!RESTRICTED.has(k.toLowerCase())) out[k] = v;
  return out;
}

function headerValue(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function addResponseHeader(name: unknown, value: unknown): void {
  const fn = 'util.http.addResponseHeader';
  if (typeof name !== 'string' || name === '') throw new TypeError(`${fn}: argument "name" must be a non-empty string`);
  const lower = name.toLowerCase();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new Error(`${fn}: "${name}" is not a valid header name`);
  if (lower.startsWith('x-amzn-') || lower.startsWith('x-amz-')) {
    throw new Error(`${fn}: header "${name}" uses a restricted prefix (x-amzn-, x-amz-)`);
  }
  if (RESERVED_RESPONSE.has(lower)) throw new Error(`${fn}: header "${name}" is restricted`);
  const s = state();
  const headers = headersByEval.get(s) ?? {};
  // the latest definition of a name wins (AWS doc); names compare case-insensitively
  for (const k of Object.keys(headers)) if (k.toLowerCase() === lower) delete headers[k];
  headers[name] = headerValue(value);
  const size = Object.entries(headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > MAX_RESPONSE_HEADER_BYTES) {
    throw new Error(`${fn}: custom response headers exceed ${MAX_RESPONSE_HEADER_BYTES} bytes`);
  }
  headersByEval.set(s, headers);
}

export function addResponseHeaders(headers: unknown): void {
  if (!isPlainObject(headers)) {
    throw new TypeError(`util.http.addResponseHeaders: expected an object, got ${describe(headers)}`);
  }
  for (const [k, v] of Object.entries(headers)) addResponseHeader(k, v);
}

/** Custom response headers the resolver added during this evaluation (empty object when none). */
export function responseHeadersOf(s: EvalState): Record<string, string> {
  return { ...(headersByEval.get(s) ?? {}) };
}
