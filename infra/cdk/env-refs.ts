// Environment variable references of the API description (EnvRef) resolved to this deployment's values.
import type { EnvRef } from '../api/types.js';

export interface EnvTargets {
  tableName(table: string, where: string): string;
  bucketName(bucket: string, where: string): string;
  cdnUrl(bucket: string, where: string): string;
  graphqlUrl(): string;
}

export function resolveEnv(env: Record<string, EnvRef> | undefined, targets: EnvTargets, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, ref] of Object.entries(env ?? {})) {
    const at = `${where} env ${key}`;
    if ('table' in ref) out[key] = targets.tableName(ref.table, at);
    else if ('bucket' in ref) out[key] = targets.bucketName(ref.bucket, at);
    else if ('bucketCdnUrl' in ref) out[key] = targets.cdnUrl(ref.bucketCdnUrl, at);
    else if ('graphqlUrl' in ref) out[key] = targets.graphqlUrl();
    else out[key] = ref.value;
  }
  return out;
}
