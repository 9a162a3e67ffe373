// GraphQL over HTTP as AppSync serves it: POST /graphql with a JSON body {query, variables, operationName},
// auth from the headers, 200 with {data, errors} (AppSync's error fields), request-level failures as
// 4xx with {errors: [{errorType, message}]}. GET /graphql answers a health check. CORS is open, as on
// AppSync, so the web app (another origin) can call it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticate } from './auth.js';
import { RequestError } from './errors.js';
import type { Executor, MutationEvent } from './execute.js';
import type { ServerLimits } from './limits.js';

export interface HttpHandlerOptions {
  authenticate: Authenticate;
  executor: Executor;
  limits: ServerLimits;
  /** called after the response of a successful mutation was written */
  onMutations?: (events: MutationEvent[]) => void;
  /** the path GraphQL is served at (default /graphql) */
  path?: string;
  log?: (line: string) => void;
}

const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

/** Writes a JSON answer; CORS headers only for browsers (they send Origin), which keeps the hot path lean. */
function send(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = req.headers.origin ? { ...CORS_HEADERS } : {};
  headers['content-type'] = 'application/json; charset=UTF-8';
  headers['content-length'] = Buffer.byteLength(text);
  res.writeHead(status, headers);
  res.end(text);
}

// The peer address costs a getpeername() call each time it is read: read it once per connection.
const peerAddress = new WeakMap<object, string>();
function sourceIpOf(req: IncomingMessage): string | undefined {
  const socket = req.socket;
  let ip = peerAddress.get(socket);
  if (ip === undefined && socket.remoteAddress) peerAddress.set(socket, (ip = socket.remoteAddress));
  return ip;
}

/** ctx.request.headers: node gives string values except for repeated set-cookie; join those. */
function stringHeaders(req: IncomingMessage): Record<string, string> {
  const h = req.headers;
  for (const v of Object.values(h)) {
    if (Array.isArray(v)) {
      const out: Record<string, string> = {};
      for (const [k, x] of Object.entries(h)) if (x !== undefined) out[k] = Array.isArray(x) ? x.join(', ') : x;
      return out;
    }
  }
  return h as Record<string, string>;
}

export function createHttpHandler(opts: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const graphqlPath = opts.path ?? '/graphql';
  const max = opts.limits.maxRequestBytes;

  const fail = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    if (err instanceof RequestError) {
      if (!res.headersSent) send(req, res, err.status, err.body());
      return;
    }
    opts.log?.(`appsync: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    if (!res.headersSent) send(req, res, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred' }] });
  };

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: string, raw: string): Promise<void> => {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new RequestError(400, 'MalformedHttpRequestException', 'Unable to parse the JSON document: the request body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new RequestError(400, 'MalformedHttpRequestException', 'The request body must be one JSON object {query, variables, operationName}');
    }
    const auth = await opts.authenticate({ headers: req.headers, method: 'POST', path: url, body: raw, sourceIp: sourceIpOf(req) });
    const headers = stringHeaders(req);
    // ctx.request.domainName is the API's custom domain on AppSync: none locally
    const { response, mutations } = await opts.executor.execute({ body, auth, headers, domainName: null });
    send(req, res, 200, response);
    if (mutations.length && opts.onMutations) opts.onMutations(mutations);
  };

  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    if (pathname !== graphqlPath) return send(req, res, 404, { errors: [{ errorType: 'NotFoundException', message: `No route for ${pathname}` }] });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (req.method === 'GET') return send(req, res, 200, { status: 'ok' });
    if (req.method !== 'POST') return send(req, res, 405, { errors: [{ errorType: 'MethodNotAllowedException', message: `Method ${req.method} is not allowed` }] });

    // the body, refusing more than `max` bytes (413)
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      req.resume();
      return fail(req, res, new RequestError(413, 'PayloadTooLargeException', `Request body of ${declared} bytes exceeds the limit of ${max} bytes`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        fail(req, res, new RequestError(413, 'PayloadTooLargeException', `Request body exceeds the limit of ${max} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const raw = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      graphql(req, res, url, raw).catch((err: unknown) => fail(req, res, err));
    });
    req.on('error', (err) => fail(req, res, err));
  };
}
