// A small HTTP proxy in front of cognito-local. aws-amplify v6 refreshes tokens with the
// `GetTokensFromRefreshToken` API, which cognito-local 5.3.0 lacks; this maps that one call to
// `InitiateAuth` with `REFRESH_TOKEN_AUTH` (which it has) and reshapes the answer. Every other
// request (including CORS preflights and the JWKS) passes through untouched.
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { LOOPBACK } from './ports.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_TYPE = 'application/x-amz-json-1.1';

export interface RefreshShimOptions {
  /** cognito-local's own endpoint, e.g. http://127.0.0.1:40123 */
  upstream: string;
  port: number;
  host?: string;
}

export interface RefreshShim {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

interface GetTokensFromRefreshTokenRequest {
  RefreshToken?: string;
  ClientId?: string;
  DeviceKey?: string;
  ClientMetadata?: Record<string, string>;
}

/** Seconds an access token lives (exp - iat), read from the token itself. */
function expiresIn(accessToken: string): number {
  try {
    const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
    if (typeof payload.exp === 'number' && typeof payload.iat === 'number') return payload.exp - payload.iat;
  } catch {
    /* fall through to Cognito's default */
  }
  return 3600;
}

/** Translate a GetTokensFromRefreshToken body into an InitiateAuth body (or a field error). */
export function toInitiateAuth(body: GetTokensFromRefreshTokenRequest): { request?: object; error?: string } {
  if (!body.ClientId) return { error: '1 validation error detected: Value null at \'clientId\' failed to satisfy constraint: Member must not be null' };
  if (!body.RefreshToken) return { error: '1 validation error detected: Value null at \'refreshToken\' failed to satisfy constraint: Member must not be null' };
  const AuthParameters: Record<string, string> = { REFRESH_TOKEN: body.RefreshToken };
  if (body.DeviceKey) AuthParameters.DEVICE_KEY = body.DeviceKey;
  return {
    request: { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: body.ClientId, AuthParameters, ClientMetadata: body.ClientMetadata },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Access-Control-Allow-Origin': '*' }).end(JSON.stringify(body));
}

async function refresh(req: IncomingMessage, res: ServerResponse, upstream: string): Promise<void> {
  let body: GetTokensFromRefreshTokenRequest;
  try {
    body = (await readJson(req)) as GetTokensFromRefreshTokenRequest;
  } catch {
    return send(res, 400, { __type: 'SerializationException', message: 'request body is not JSON' });
  }
  const { request, error } = toInitiateAuth(body);
  if (error) return send(res, 400, { __type: 'InvalidParameterException', message: error });

  const answer = await fetch(upstream, {
    method: 'POST',
    headers: { 'Content-Type': JSON_TYPE, 'X-Amz-Target': `${TARGET_PREFIX}InitiateAuth` },
    body: JSON.stringify(request),
  });
  const result = (await answer.json().catch(() => ({}))) as {
    AuthenticationResult?: { AccessToken?: string; IdToken?: string; RefreshToken?: string };
  };
  if (!answer.ok) return send(res, answer.status, result); // errors keep cognito-local's shape
  const tokens = result.AuthenticationResult ?? {};
  if (!tokens.AccessToken) return send(res, 500, { __type: 'InternalErrorException', message: 'cognito-local returned no AccessToken' });
  send(res, 200, {
    AuthenticationResult: {
      AccessToken: tokens.AccessToken,
      IdToken: tokens.IdToken,
      // Absent unless rotation is on: Amplify then keeps the refresh token it has.
      ...(tokens.RefreshToken ? { RefreshToken: tokens.RefreshToken } : {}),
      ExpiresIn: expiresIn(tokens.AccessToken),
      TokenType: 'Bearer',
    },
  });
}

function passThrough(req: IncomingMessage, res: ServerResponse, upstream: URL): void {
  const forward = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  forward.on('error', (err) => {
    if (!res.headersSent) send(res, 502, { __type: 'InternalErrorException', message: `cognito-local unreachable: ${err.message}` });
    else res.destroy(err);
  });
  req.pipe(forward);
}

/** Start the shim; clients (Amplify, tests, the server's verifier) use its endpoint. */
export async function startRefreshShim(opts: RefreshShimOptions): Promise<RefreshShim> {
  const host = opts.host ?? LOOPBACK;
  const upstream = new URL(opts.upstream);
  const server: Server = createServer((req, res) => {
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && target === `${TARGET_PREFIX}GetTokensFromRefreshToken`) {
      refresh(req, res, opts.upstream).catch((err: Error) => {
        if (!res.headersSent) send(res, 502, { __type: 'InternalErrorException', message: `refresh shim: ${err.message}` });
      });
      return;
    }
    passThrough(req, res, upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
