// The local services `npm start` and the integration tests run on: DynamoDB Local, the S3
// emulator and cognito-local (+ refresh shim), all on 127.0.0.1, sharing one data folder.
import { join } from 'node:path';
import { startCognito, type CognitoLocal } from './cognito.js';
import { startDynamoDB, type DynamoDBLocal } from './dynamodb.js';
import { startS3, type S3Local } from './s3.js';

export * from './cognito.js';
export * from './cognito-jwt.js';
export * from './cognito-refresh-shim.js';
export * from './dynamodb.js';
export * from './ports.js';
export * from './process.js';
export * from './s3.js';

export interface LocalServicesOptions {
  /** One folder for all service data: <dataDir>/dynamodb, <dataDir>/s3, <dataDir>/cognito. */
  dataDir: string;
  /** Keep DynamoDB in memory instead of <dataDir>/dynamodb (tests). */
  inMemoryDynamoDB?: boolean;
  /** Defaults: DynamoDB 8000, S3 4569, Cognito 9229. */
  ports?: { dynamodb?: number; s3?: number; cognito?: number };
  /** S3 buckets to create. */
  buckets?: string[];
  /** Browser origins allowed to upload to S3 (default: any port on 127.0.0.1/localhost). */
  corsOrigins?: string[];
  /** Each output line of a service, e.g. to print with a prefix. */
  onLine?: (service: 'dynamodb' | 's3' | 'cognito', line: string) => void;
}

export interface LocalServices {
  dynamodb: DynamoDBLocal;
  s3: S3Local;
  cognito: CognitoLocal;
  dataDir: string;
  /** Stop all three (in parallel); resolves when every process has exited. */
  stop(): Promise<void>;
}

/** Start all three in parallel; if one fails, stop the others and reject with its one-line error. */
export async function startLocalServices(opts: LocalServicesOptions): Promise<LocalServices> {
  const { dataDir, ports = {} } = opts;
  const [dynamodb, s3, cognito] = await Promise.allSettled([
    startDynamoDB({
      port: ports.dynamodb,
      dataDir: opts.inMemoryDynamoDB ? undefined : join(dataDir, 'dynamodb'),
      onLine: opts.onLine && ((line) => opts.onLine?.('dynamodb', line)),
    }),
    startS3({ port: ports.s3, dataDir: join(dataDir, 's3'), buckets: opts.buckets, corsOrigins: opts.corsOrigins }),
    startCognito({
      port: ports.cognito,
      dataDir: join(dataDir, 'cognito'),
      onLine: opts.onLine && ((line) => opts.onLine?.('cognito', line)),
    }),
  ]);
  const started = [dynamodb, s3, cognito].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = [dynamodb, s3, cognito].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed || dynamodb.status !== 'fulfilled' || s3.status !== 'fulfilled' || cognito.status !== 'fulfilled') {
    await Promise.allSettled(started.map((service) => service.stop()));
    throw failed?.reason;
  }
  return {
    dynamodb: dynamodb.value,
    s3: s3.value,
    cognito: cognito.value,
    dataDir,
    async stop() {
      const results = await Promise.allSettled(started.map((service) => service.stop()));
      const error = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (error) throw error.reason;
    },
  };
}
