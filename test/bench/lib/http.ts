// A one-off GraphQL POST on a fresh connection (no pooled keep-alive socket the server may have closed
// while wrk was running) — for correctness checks and latency samples, never for load.
import { request } from 'node:http';

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; errorType?: string }>;
}

export function postGraphQL<T = Record<string, unknown>>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer<T>> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Omit<GraphQLAnswer<T>, 'status'>;
          resolve({ status: res.statusCode ?? 0, ...json });
        } catch (err) {
          reject(new Error(`${url}: HTTP ${res.statusCode}, not JSON: ${(err as Error).message}`));
        }
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}
