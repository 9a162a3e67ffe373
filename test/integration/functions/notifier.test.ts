// notifier function: NOTIF# inserts → publishNotification, posts entering the queue → publishModerationEvent,
// each POSTed to GRAPHQL_URL signed with SigV4 (checked here by re-signing the received request), and an HTTP or
// GraphQL error reported as that record's failure only.
import './quiet.js';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/notifier/handler.js';
import { keys } from '../../../resolvers/lib/keys.js';
import { streamEvent, streamRecord } from './env.js';

const CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret-key' };
interface Received {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: { input: Record<string, unknown> } };
  signatureValid: boolean;
}
let server: Server;
let received: Received[] = [];
let answer: (body: Received['body']) => { status: number; json: unknown } = () => ({ status: 200, json: { data: {} } });

/** Recompute the SigV4 signature of the request as AppSync would, with the same date. */
async function verify(req: IncomingMessage, raw: string): Promise<boolean> {
  const auth = String(req.headers.authorization ?? '');
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1]?.split(';') ?? [];
  const amzDate = String(req.headers['x-amz-date']);
  const headers = Object.fromEntries(signedHeaders.map((h) => [h, String(req.headers[h])]));
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const signer = new SignatureV4({ service: 'appsync', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256 });
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const resigned = await signer.sign(
    new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers, body: raw }),
    { signingDate: date },
  );
  return auth.startsWith('AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST/') && resigned.headers.authorization === auth;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = JSON.parse(raw);
    received.push({ headers: req.headers, body, signatureValid: await verify(req, raw) });
    const { status, json } = answer(body);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    GRAPHQL_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  answer = () => ({ status: 200, json: { data: {} } });
});

const notification = (id: string, extra: Record<string, unknown> = {}) => ({
  ...keys.notification('u1', id),
  type: 'NOTIFICATION',
  id,
  userId: 'u1',
  kind: 'LIKE_RECEIVED',
  message: '@lina liked your post: +2 coins',
  postId: 'p1',
  actorId: 'u2',
  actorHandle: 'lina',
  amount: 2,
  balance: 12,
  read: false,
  createdAt: '2026-11-22T10:00:00.000Z',
  expiresAt: 1770000000,
  ...extra,
});

describe('notifier function (local HTTP endpoint checking SigV4)', () => {
  it('publishes a stored notification with a valid SigV4 signature and every Notification field selected', async () => {
    const result = await handler(streamEvent(streamRecord({ eventName: 'INSERT', newImage: notification('N1') })));
    expect(result.batchItemFailures).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0].signatureValid).toBe(true);
    expect(received[0].body.query).toMatch(/publishNotification\(input: \$input\)/);
    expect(received[0].body.variables.input).toEqual({
      id: 'N1',
      userId: 'u1',
      kind: 'LIKE_RECEIVED',
      message: '@lina liked your post: +2 coins',
      postId: 'p1',
      actorId: 'u2',
      actorHandle: 'lina',
      amount: 2,
      balance: 12,
      createdAt: '2026-11-22T10:00:00.000Z',
    });
  });

  it('publishes a moderation event when a post enters the queue, and ignores other post changes', async () => {
    const post = { ...keys.post('p9'), id: 'p9', status: 'APPROVED', reportCount: 2, authorId: 'a' };
    const queued = { ...post, reportCount: 3, queuePK: 'QUEUE', queueSK: '2026-11-22T11:00:00.000Z#p9' };
    const result = await handler(
      streamEvent(
        streamRecord({ eventName: 'MODIFY', oldImage: { ...post, reportCount: 1 }, newImage: post }), // a report, not queued yet
        streamRecord({ eventName: 'MODIFY', oldImage: post, newImage: queued }), // third report: queued
        streamRecord({ eventName: 'MODIFY', oldImage: queued, newImage: { ...queued, likeCount: 5 } }), // already queued
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
    expect(received.map((r) => r.body.variables.input)).toEqual([
      { postId: 'p9', status: 'APPROVED', reason: 'reported 3 times', createdAt: '2026-11-22T11:00:00.000Z' },
    ]);
    expect(received[0].body.query).toMatch(/publishModerationEvent/);
  });

  it('reports only the records whose publish failed (HTTP 500, GraphQL errors) in batchItemFailures', async () => {
    answer = (body) =>
      body.variables.input.id === 'BAD-HTTP'
        ? { status: 500, json: { message: 'boom' } }
        : body.variables.input.id === 'BAD-GQL'
          ? { status: 200, json: { data: null, errors: [{ message: 'Not Authorized', errorType: 'Unauthorized' }] } }
          : { status: 200, json: { data: {} } };
    const records = ['OK1', 'BAD-HTTP', 'OK2', 'BAD-GQL'].map((id) => streamRecord({ eventName: 'INSERT', newImage: notification(id) }));
    const result = await handler(streamEvent(...records));
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: records[1].dynamodb!.SequenceNumber },
      { itemIdentifier: records[3].dynamodb!.SequenceNumber },
    ]);
    expect(received).toHaveLength(4);
  });
});
