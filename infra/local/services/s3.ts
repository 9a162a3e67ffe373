// The S3 emulator: @20minutes/s3rver in this process, path-style, on 127.0.0.1, with CORS for the
// web app's browser uploads, presigned-POST policies enforced (s3rver ignores them), and
// object-created events handed to callbacks (locally they drive the image Lambda).
import { IncomingMessage, createServer, type Server, type ServerResponse } from 'node:http';
import { mkdirSync } from 'node:fs';
import S3rver from '@20minutes/s3rver';
import { S3Client } from '@aws-sdk/client-s3';
import { LOCAL_REGION } from './dynamodb.js';
import { assertPortFree, LOOPBACK } from './ports.js';
import { checkPostPolicy, s3ErrorXml } from './s3-post-policy.js';

/** s3rver only accepts its built-in key pair (with `allowMismatchedSignatures` it skips the check). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Biggest POST body we buffer to check its policy; bigger uploads are refused outright. */
const MAX_POST_BYTES = 64 * 1024 * 1024;

export interface S3ObjectCreated {
  bucket: string;
  /** The object key, plain (not URL-encoded). */
  key: string;
  size: number;
  eTag?: string;
  /** e.g. `ObjectCreated:Post`, `ObjectCreated:Put`. */
  eventName: string;
  /** The S3 event record as AWS delivers it to Lambda (key URL-encoded, spaces as `+`). */
  record: S3EventRecordLike;
}

export interface S3EventRecordLike {
  eventName: string;
  eventTime: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  s3: { bucket: { name: string; arn: string }; object: { key: string; size: number; eTag?: string; sequencer: string } };
  [other: string]: unknown;
}

export interface S3LocalOptions {
  /** Default 4569. */
  port?: number;
  /** Where objects live; created if missing (s3rver requires it to exist). */
  dataDir: string;
  /** Buckets to create (idempotent). */
  buckets?: string[];
  /** Browser origins allowed by CORS; one `*` wildcard per entry. Default: any port on 127.0.0.1/localhost. */
  corsOrigins?: string[];
  /** Print s3rver's request log. Default false. */
  verbose?: boolean;
}

export interface S3Local {
  endpoint: string;
  port: number;
  /** Subscribe to object-created events; returns an unsubscribe function. */
  onObjectCreated(listener: (event: S3ObjectCreated) => void | Promise<void>): () => void;
  stop(): Promise<void>;
}

/** An S3 client for the local emulator, with the settings DESIGN.md's "Known quirks" require. */
export function localS3Client(endpoint: string): S3Client {
  return new S3Client({
    endpoint,
    region: LOCAL_REGION,
    credentials: S3RVER_CREDENTIALS,
    forcePathStyle: true, // 127.0.0.1 cannot carry virtual-host bucket names
    // SDK >= 3.729 adds checksums by default: s3rver would store the aws-chunked framing inside
    // objects, and presigned URLs would carry an empty-body checksum.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function corsXml(origins: string[]): string {
  const allowed = origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('');
  const methods = ['GET', 'HEAD', 'PUT', 'POST'].map((m) => `<AllowedMethod>${m}</AllowedMethod>`).join('');
  return (
    `<CORSConfiguration><CORSRule>${allowed}${methods}` +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

function originAllowed(origin: string | undefined, patterns: string[]): boolean {
  if (!origin) return false;
  return patterns.some((p) => new RegExp(`^${p.split('*').map((s) => s.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`).test(origin));
}

/** A POST of a form to `/<bucket>` (no sub-resource) is a browser-style upload. */
function uploadBucket(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST' || !/^multipart\/form-data/i.test(req.headers['content-type'] ?? '')) return undefined;
  const url = new URL(req.url ?? '/', 'http://local');
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  return match && url.search === '' ? decodeURIComponent(match[1]) : undefined;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** A request object s3rver can read again after we consumed the original body. */
function replayRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true; // else ending this stream counts as an aborted request and kills the socket
  copy.push(body);
  copy.push(null);
  return copy;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Check presigned-POST policies, then hand the request to s3rver. */
function policyGate(next: Handler, corsOrigins: string[]): Handler {
  return (req, res) => {
    const bucket = uploadBucket(req);
    if (!bucket) return next(req, res);
    const refuse = (status: number, xml: string) => {
      const origin = req.headers.origin;
      if (originAllowed(origin, corsOrigins)) res.setHeader('Access-Control-Allow-Origin', origin as string);
      res.writeHead(status, { 'Content-Type': 'application/xml', Connection: 'close' }).end(xml);
    };
    void (async () => {
      const body = await readBody(req, MAX_POST_BYTES);
      if (!body) {
        return refuse(400, s3ErrorXml({ status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size' }));
      }
      let form: FormData;
      try {
        form = await new Request('http://local/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] as string },
          body: new Blob([new Uint8Array(body)]),
        }).formData();
      } catch {
        return refuse(400, s3ErrorXml({ status: 400, code: 'MalformedPOSTRequest', message: 'The body of your POST request is not well-formed multipart/form-data.' }));
      }
      const fields = new Map<string, string>();
      let fileSize = 0;
      for (const [name, value] of form) {
        if (typeof value === 'string') fields.set(name, value);
        else if (name.toLowerCase() === 'file') fileSize = value.size;
      }
      const failure = checkPostPolicy(bucket, fields, fileSize);
      if (failure) return refuse(failure.status, s3ErrorXml(failure));
      next(replayRequest(req, body), res);
    })().catch((err: Error) => {
      if (!res.headersSent) refuse(500, s3ErrorXml({ status: 400, code: 'InternalError', message: err.message }));
    });
  };
}

/** Start the S3 emulator on 127.0.0.1 and resolve once it listens. */
export async function startS3(opts: S3LocalOptions): Promise<S3Local> {
  const port = opts.port ?? 4569;
  const corsOrigins = opts.corsOrigins ?? ['http://127.0.0.1:*', 'http://localhost:*'];
  await assertPortFree(port, 'S3 (s3rver)', '--s3-port');
  mkdirSync(opts.dataDir, { recursive: true });

  const s3rver = new S3rver({
    address: LOOPBACK,
    port,
    directory: opts.dataDir,
    silent: !opts.verbose,
    allowMismatchedSignatures: true, // SDK v3 signs `/bucket/`, s3rver checks `/bucket`
    vhostBuckets: false,
    configureBuckets: (opts.buckets ?? []).map((name) => ({ name, configs: [corsXml(corsOrigins)] })),
  });
  await s3rver.configureBuckets();

  const listeners = new Set<(event: S3ObjectCreated) => void | Promise<void>>();
  s3rver.on('event', (event: { Records: S3EventRecordLike[] }) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated:')) continue;
      const key = record.s3.object.key;
      const awsRecord: S3EventRecordLike = {
        ...record,
        s3: { ...record.s3, object: { ...record.s3.object, key: encodeURIComponent(key).replace(/%20/g, '+') } },
      };
      const created: S3ObjectCreated = {
        bucket: record.s3.bucket.name,
        key,
        size: Number(record.s3.object.size ?? 0),
        eTag: record.s3.object.eTag,
        eventName: record.eventName,
        record: awsRecord,
      };
      for (const listener of listeners) {
        // A failing listener must not break the upload response; it reports on its own.
        Promise.resolve()
          .then(() => listener(created))
          .catch((err: Error) => console.error(`[s3] object-created listener failed for ${created.key}: ${err.message}`));
      }
    }
  });

  const server: Server = createServer(policyGate(s3rver.callback(), corsOrigins));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });

  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    port,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stop() {
      listeners.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      s3rver.logger.exceptions.unhandle(); // what s3rver's own listen() does on close
      s3rver.logger.close();
    },
  };
}
