// A tiny GraphQL client that signs each request with SigV4 for AppSync's IAM auth mode (service "appsync").
// Credentials come from the default provider chain: the Lambda role on AWS, AWS_ACCESS_KEY_ID/SECRET locally.
import { Sha256 } from '@aws-crypto/sha256-js';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface GraphQLError {
  message: string;
  errorType?: string;
  path?: Array<string | number>;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: GraphQLError[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface SignedClientOptions {
  url: string;
  region: string;
  /** Static credentials or a provider; default: the SDK's default provider chain. */
  credentials?: ConstructorParameters<typeof SignatureV4>[0]['credentials'];
}

export function createSignedClient(opts: SignedClientOptions) {
  const url = new URL(opts.url);
  const signer = new SignatureV4({
    service: 'appsync',
    region: opts.region,
    credentials: opts.credentials ?? defaultProvider(),
    sha256: Sha256,
  });
  return async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        path: url.pathname,
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      }),
    );
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
    const text = await response.text();
    let payload: { data?: T; errors?: GraphQLError[] } | undefined;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
    if (!response.ok) {
      throw new GraphQLRequestError(`GraphQL endpoint answered HTTP ${response.status}: ${text.slice(0, 300)}`, response.status, payload?.errors);
    }
    if (!payload) throw new GraphQLRequestError(`GraphQL endpoint answered non-JSON: ${text.slice(0, 300)}`, response.status);
    if (payload.errors?.length) {
      const first = payload.errors[0];
      throw new GraphQLRequestError(`GraphQL error${first.errorType ? ` (${first.errorType})` : ''}: ${first.message}`, response.status, payload.errors);
    }
    return payload.data as T;
  };
}
