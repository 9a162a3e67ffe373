// The NONE data source: AppSync hands the request's `payload` back as ctx.result (local resolvers,
// subscription resolvers, publish-only mutations).
import type { InvokeResult } from '../runtime/pipeline.js';

export function invokeNone(request: unknown): InvokeResult {
  const payload = request && typeof request === 'object' ? (request as { payload?: unknown }).payload : undefined;
  return { result: payload ?? null };
}
