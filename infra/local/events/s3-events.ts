// S3 object-created notifications → Lambda, locally: the S3 emulator reports each created object, and every
// function whose `s3-object-created` trigger names that bucket and a matching key prefix is invoked
// asynchronously with an S3Event (aws-lambda's shape), retried twice and then dead-lettered as Lambda does
// for asynchronous invocations.
import { randomUUID } from 'node:crypto';
import type { ApiDescription, Trigger } from '../../api/types.js';
import { invokeAsync, type DeadLetterStore, type InvokeFunction } from './dead-letters.js';

type S3Trigger = Extract<Trigger, { kind: 's3-object-created' }>;

/** What the local S3 emulator reports (infra/local/services/s3.ts S3ObjectCreated). */
export interface ObjectCreated {
  bucket: string;
  /** plain key (not URL-encoded) */
  key: string;
  size: number;
  eTag?: string;
  eventName?: string;
}

export interface S3EventRouterOptions {
  api: Pick<ApiDescription, 'functions'>;
  /** logical bucket name → local bucket name */
  bucketNames: Record<string, string>;
  /** subscribe to the emulator's object-created events; returns an unsubscribe function */
  onObjectCreated(listener: (event: ObjectCreated) => void | Promise<void>): () => void;
  invoke: InvokeFunction;
  deadLetters: DeadLetterStore;
  region?: string;
  retryDelayMs?: number;
  onError?: (err: unknown) => void;
}

export interface S3EventRouter {
  /** Resolves when every invocation started so far has finished (tests, seeding). */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** An S3Event with one record, as S3 sends it to Lambda (keys URL-encoded with '+' for spaces). */
export function s3Event(created: ObjectCreated, region = 'us-east-1'): { Records: unknown[] } {
  const now = new Date();
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: now.toISOString(),
        eventName: created.eventName ?? 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:LOCAL' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(), 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-notification',
          bucket: { name: created.bucket, ownerIdentity: { principalId: 'LOCAL' }, arn: `arn:aws:s3:::${created.bucket}` },
          object: {
            key: encodeURIComponent(created.key).replace(/%2F/g, '/').replace(/%20/g, '+'),
            size: created.size,
            eTag: created.eTag?.replace(/"/g, ''),
            sequencer: now.getTime().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}

export function routeS3Events(opts: S3EventRouterOptions): S3EventRouter {
  const routes: { functionName: string; bucket: string; trigger: S3Trigger }[] = [];
  for (const [functionName, def] of Object.entries(opts.api.functions)) {
    for (const trigger of def.triggers ?? []) {
      if (trigger.kind !== 's3-object-created') continue;
      const bucket = opts.bucketNames[trigger.bucket];
      if (!bucket) throw new Error(`function ${functionName}: trigger bucket "${trigger.bucket}" has no local bucket`);
      routes.push({ functionName, bucket, trigger });
    }
  }
  const inflight = new Set<Promise<unknown>>();
  const unsubscribe = opts.onObjectCreated((created) => {
    for (const route of routes) {
      if (created.bucket !== route.bucket || !created.key.startsWith(route.trigger.prefix)) continue;
      const run = invokeAsync({
        invoke: opts.invoke,
        functionName: route.functionName,
        event: s3Event(created, opts.region),
        source: 's3',
        deadLetters: opts.deadLetters,
        retryDelayMs: opts.retryDelayMs,
      }).catch((err) => opts.onError?.(err));
      inflight.add(run);
      void run.finally(() => inflight.delete(run));
    }
  });
  return {
    async settle() {
      while (inflight.size) await Promise.allSettled([...inflight]);
    },
    async stop() {
      unsubscribe();
      await this.settle();
    },
  };
}
