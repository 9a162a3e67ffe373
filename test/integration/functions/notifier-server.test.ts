// notifier → the local AppSync server: the IAM-only publish mutations, SigV4-signed by the function and verified by
// the server's IAM auth, run their real resolvers. Also: wrong credentials are refused and reported as failures.
import './quiet.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { handler } from '../../../functions/notifier/handler.js';
import { api } from '../../../infra/api/index.js';
import { createAppSyncServer, type AppSyncServer } from '../../../infra/local/server/app.js';
import { keys } from '../../../resolvers/lib/keys.js';
import { streamEvent, streamRecord } from './records.js';

const IAM = { accessKeyId: 'AKIAFUNCTIONSTEST000', secretAccessKey: 'functions-test-secret' };
let server: AppSyncServer;

beforeAll(async () => {
  server = await createAppSyncServer({
    api,
    repoRoot: fileURLToPath(new URL('../../../', import.meta.url)),
    port: 0,
    host: '127.0.0.1',
    iamCredentials: [IAM],
    // The publish mutations use the NONE data source; the table client is required but never called here.
    dynamodb: new DynamoDBClient({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }),
    resources: { tables: { main: 'unused' }, buckets: { media: 'media' }, bucketUrls: { media: 'http://127.0.0.1/media' } },
  });
  Object.assign(process.env, { GRAPHQL_URL: server.url, AWS_REGION: 'us-east-1' });
});
afterAll(() => server?.close());

const notification = {
  ...keys.notification('u1', '01NOTIF'),
  id: '01NOTIF',
  userId: 'u1',
  kind: 'COINS_EARNED',
  message: 'You earned 10 coins for your post',
  postId: 'p1',
  amount: 10,
  balance: 10,
  read: false,
  createdAt: '2026-11-22T10:00:00.000Z',
};

describe('notifier function against the local AppSync server (IAM auth, real resolvers)', () => {
  it('publishes a notification and a moderation event with SigV4 the server accepts', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: IAM.accessKeyId, AWS_SECRET_ACCESS_KEY: IAM.secretAccessKey });
    const queued = { ...keys.post('p1'), id: 'p1', status: 'FLAGGED', moderationNote: 'caption has 2 links', queuePK: 'QUEUE', queueSK: '2026-11-22T10:00:00.000Z#p1' };
    const result = await handler(
      streamEvent(
        streamRecord({ eventName: 'INSERT', newImage: notification }),
        streamRecord({ eventName: 'MODIFY', oldImage: { ...queued, queuePK: undefined, queueSK: undefined, status: 'PENDING' }, newImage: queued }),
      ),
    );
    expect(result.batchItemFailures).toEqual([]);
  });

  it('fails the record when the server refuses the signature (unknown key)', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN000000000', AWS_SECRET_ACCESS_KEY: 'nope' });
    const record = streamRecord({ eventName: 'INSERT', newImage: notification });
    expect((await handler(streamEvent(record))).batchItemFailures).toEqual([{ itemIdentifier: record.dynamodb!.SequenceNumber }]);
  });
});
