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

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers':
    'content-type, x-api-key, authorization, x-amz-date, x-amz-security-token, x-amz-user-agent, x-amz-content-sha256',
  'access-control-max-age': '86400',
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Read the body, refusing more than `max` bytes (413 as AppSync's front door does). */
function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) {
      reject(new RequestError(413, 'PayloadTooLargeException', `Request body of ${declared} bytes exceeds the limit of ${max} bytes`));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        reject(new RequestError(413, 'PayloadTooLargeException', `Request body exceeds the limit of ${max} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// The peer address costs a getpeername() call each time it is read: read it once per connection.
const peerAddress = new WeakMap<object, string>();
function sourceIpOf(req: IncomingMessage): string | undefined {
  const socket = req.socket;
  let ip = peerAddress.get(socket);
  if (ip === undefined && socket.remoteAddress) peerAddress.set(socket, (ip = socket.remoteAddress));
  return ip;
}

function stringHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

export function createHttpHandler(opts: HttpHandlerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const graphqlPath = opts.path ?? '/graphql';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0];
    if (pathname !== graphqlPath) return send(res, 404, { errors: [{ errorType: 'NotFoundException', message: `No route for ${pathname}` }] });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    if (req.method === 'GET') return send(res, 200, { status: 'ok' });
    if (req.method !== 'POST') return send(res, 405, { errors: [{ errorType: 'MethodNotAllowedException', message: `Method ${req.method} is not allowed` }] });

    const raw = await readBody(req, opts.limits.maxRequestBytes);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      throw new RequestError(400, 'MalformedHttpRequestException', 'Unable to parse the JSON document: the request body is not valid JSON');
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new RequestError(400, 'MalformedHttpRequestException', 'The request body must be one JSON object {query, variables, operationName}');
    }
    const auth = await opts.authenticate({
      headers: req.headers,
      method: req.method,
      path: url,
      body: raw,
      sourceIp: sourceIpOf(req),
    });
    const headers = stringHeaders(req);
    const { response, mutations } = await opts.executor.execute({ body, auth, headers, domainName: headers.host ?? null });
    send(res, 200, response);
    if (mutations.length && opts.onMutations) opts.onMutations(mutations);
  };

  return (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof RequestError) {
        if (!res.headersSent) send(res, err.status, err.body());
        return;
      }
      opts.log?.(`appsync: request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) send(res, 500, { errors: [{ errorType: 'InternalFailure', message: 'An internal failure occurred' }] });
    });
  };
}
