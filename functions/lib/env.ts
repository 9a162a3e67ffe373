// Environment of the functions. Read at call time (not import time) because the local runtime runs every
// handler in one process and sets the variables after importing them.
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export const tableName = (): string => requireEnv('TABLE_NAME');
export const mediaBucket = (): string => requireEnv('MEDIA_BUCKET');
/** The deployment stage (dev, prd) the CDK app sets on every function; 'local' for the local stack. */
export const stageName = (): string => process.env.STAGE || 'local';
export const region = (): string => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';

/** A numeric setting with a default; a value that is not a number is a configuration error. */
export function numberEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`environment variable ${name} must be a number, got "${raw}"`);
  return value;
}
