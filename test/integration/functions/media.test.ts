// upload-ticket + image functions against real DynamoDB Local and the S3 emulator: the browser's presigned POST,
// the object-created event as the emulator delivers it, sharp renditions, READY/REJECTED, redelivery.
import { startFunctionEnv, type FunctionTestEnv } from './env.js'; // first: quiets loggers
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as imageHandler, MEDIA_CACHE_CONTROL } from '../../../functions/image/handler.js';
import { handler as ticketHandler } from '../../../functions/upload-ticket/handler.js';
import { localS3Client } from '../../../infra/local/services/index.js';
import { keys } from '../../../resolvers/lib/keys.js';

let env: FunctionTestEnv;
const created = new Map<string, S3EventRecord>();
const waiters = new Map<string, (record: S3EventRecord) => void>();

beforeAll(async () => {
  env = await startFunctionEnv('media');
  env.services.s3.onObjectCreated(({ key, record }) => {
    const r = record as unknown as S3EventRecord;
    created.set(key, r);
    waiters.get(key)?.(r);
  });
});
afterAll(() => env?.stop());

const s3 = () => localS3Client(env.services.s3.endpoint);

/** The object-created record the emulator emitted for `key` (what drives the image Lambda locally). */
function createdEvent(key: string): Promise<S3Event> {
  const known = created.get(key);
  if (known) return Promise.resolve({ Records: [known] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no object-created event for ${key}`)), 5000);
    waiters.set(key, (record) => {
      clearTimeout(timer);
      resolve({ Records: [record] });
    });
  });
}

/** Upload like a browser: the ticket's fields, then the file, as multipart/form-data. */
async function post(ticket: { url: string; fields: string }, body: Buffer, overrides: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...JSON.parse(ticket.fields), ...overrides })) form.append(name, String(value));
  form.append('file', new Blob([new Uint8Array(body)]), 'photo');
  return fetch(ticket.url, { method: 'POST', body: form });
}

async function uploadItem(sub: string, uploadId: string) {
  return (await env.db.send(new GetCommand({ TableName: env.table, Key: keys.upload(sub, uploadId) }))).Item;
}

async function exists(key: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: env.bucket, Key: key }));
    return true;
  } catch {
    return false;
  }
}

const gradient = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });

async function ticketAndUpload(sub: string, contentType: string, body: Buffer) {
  const ticket = await ticketHandler({ sub, contentType, size: body.length });
  const response = await post(ticket, body);
  expect(response.status).toBe(204);
  return { ticket, event: await createdEvent(`uploads/${sub}/${ticket.uploadId}`) };
}

describe('upload-ticket function (S3 emulator, DynamoDB Local)', () => {
  it('returns a 5-minute presigned POST for uploads/<sub>/<ulid> and stores a PENDING upload with a 1-day TTL', async () => {
    const before = Date.now();
    const ticket = await ticketHandler({ sub: 'u-ticket', contentType: 'image/png', size: 1234 });
    expect(ticket.uploadId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(ticket.maxBytes).toBe(10 * 1024 * 1024);
    expect(ticket.url).toBe(`${env.services.s3.endpoint}/${env.bucket}`);
    const fields = JSON.parse(ticket.fields);
    expect(fields).toMatchObject({ key: `uploads/u-ticket/${ticket.uploadId}`, 'Content-Type': 'image/png' });
    const policy = JSON.parse(Buffer.from(fields.Policy, 'base64').toString());
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 1, 10 * 1024 * 1024], ['eq', '$Content-Type', 'image/png']]),
    );
    expect(Date.parse(ticket.expiresAt) - before).toBeGreaterThanOrEqual(299_000);
    expect(Date.parse(ticket.expiresAt) - before).toBeLessThan(302_000);
    const item = await uploadItem('u-ticket', ticket.uploadId);
    expect(item).toMatchObject({ status: 'PENDING', userId: 'u-ticket', contentType: 'image/png' });
    expect(Number(item?.expiresAt) - Math.floor(before / 1000)).toBeGreaterThanOrEqual(86_399);
  });

  it('accepts the direct Lambda resolver event shape (arguments.input + identity)', async () => {
    const ticket = await ticketHandler({ arguments: { input: { contentType: 'image/jpeg', size: 10 } }, identity: { sub: 'u-direct' } });
    expect(JSON.parse(ticket.fields).key).toBe(`uploads/u-direct/${ticket.uploadId}`);
  });

  it('refuses a content type or size outside the contract, naming the field', async () => {
    await expect(ticketHandler({ sub: 'u1', contentType: 'image/tiff', size: 10 })).rejects.toThrow(/^contentType: /);
    await expect(ticketHandler({ sub: 'u1', contentType: 'image/png', size: 10 * 1024 * 1024 + 1 })).rejects.toThrow(/^size: /);
    await expect(ticketHandler({ sub: 'u1', contentType: 'image/png', size: 0 })).rejects.toThrow(/^size: /);
    await expect(ticketHandler({ contentType: 'image/png', size: 10 })).rejects.toThrow(/^sub: /);
  });

  it('the policy refuses a different Content-Type than the ticket was made for', async () => {
    const ticket = await ticketHandler({ sub: 'u-policy', contentType: 'image/png', size: 100 });
    const response = await post(ticket, Buffer.from('x'.repeat(100)), { 'Content-Type': 'text/html' });
    expect(response.status).toBe(403);
    expect(await exists(`uploads/u-policy/${ticket.uploadId}`)).toBe(false);
  });
});

describe('image function (S3 emulator, DynamoDB Local, sharp)', () => {
  it('renders WebP widths 320/640/1080 with a placeholder, marks the upload READY and deletes the raw upload', async () => {
    const png = await gradient(1600, 1200).png().toBuffer();
    const { ticket, event } = await ticketAndUpload('u-img', 'image/png', png);
    const result = await imageHandler(event);
    expect(result.processed).toEqual([{ key: expect.any(String), outcome: 'READY' }]);

    const item = await uploadItem('u-img', ticket.uploadId);
    expect(item?.status).toBe('READY');
    expect(item?.media).toMatchObject({
      width: 1600,
      height: 1200,
      placeholder: expect.stringMatching(/^data:image\/webp;base64,/),
      variants: [
        { width: 320, height: 240, key: `media/${ticket.uploadId}/320.webp` },
        { width: 640, height: 480, key: `media/${ticket.uploadId}/640.webp` },
        { width: 1080, height: 810, key: `media/${ticket.uploadId}/1080.webp` },
      ],
    });
    expect(item!.media.placeholder.length).toBeLessThan(1000);
    const object = await s3().send(new GetObjectCommand({ Bucket: env.bucket, Key: `media/${ticket.uploadId}/640.webp` }));
    expect(object.ContentType).toBe('image/webp');
    expect(object.CacheControl).toBe(MEDIA_CACHE_CONTROL);
    const meta = await sharp(Buffer.from(await object.Body!.transformToByteArray())).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 640, height: 480 });
    expect(await exists(`uploads/u-img/${ticket.uploadId}`)).toBe(false);

    // Redelivery of the same event: nothing changes, nothing fails.
    expect((await imageHandler(event)).processed[0].outcome).toBe('skipped');
    expect((await uploadItem('u-img', ticket.uploadId))?.media).toEqual(item?.media);
  });

  it('auto-rotates by EXIF orientation and strips the metadata', async () => {
    // Stored 800×600 with orientation 6 (rotate 90°): people see 600×800.
    const jpeg = await gradient(800, 600).jpeg().withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret-gps-owner' } } }).toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const { ticket, event } = await ticketAndUpload('u-rot', 'image/jpeg', jpeg);
    await imageHandler(event);
    const item = await uploadItem('u-rot', ticket.uploadId);
    expect(item?.media).toMatchObject({ width: 600, height: 800 });
    expect(item?.media.variants.map((v: { width: number; height: number }) => [v.width, v.height])).toEqual([[320, 427]]);
    const object = await s3().send(new GetObjectCommand({ Bucket: env.bucket, Key: `media/${ticket.uploadId}/320.webp` }));
    const bytes = Buffer.from(await object.Body!.transformToByteArray());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(bytes.includes(Buffer.from('secret-gps-owner'))).toBe(false);
  });

  it('keeps a small image at its own width (no upscaling)', async () => {
    const { ticket, event } = await ticketAndUpload('u-small', 'image/webp', await gradient(200, 150).webp().toBuffer());
    await imageHandler(event);
    expect((await uploadItem('u-small', ticket.uploadId))?.media.variants).toEqual([
      { width: 200, height: 150, key: `media/${ticket.uploadId}/200.webp` },
    ]);
  });

  it.each([
    ['not an image', 'image/png', async () => Buffer.from('<html>definitely not a png</html>'), /not an image/],
    ['too small', 'image/png', async () => gradient(40, 40).png().toBuffer(), /too small: 40×40/],
    ['too large', 'image/png', async () => gradient(8200, 100).png({ compressionLevel: 9 }).toBuffer(), /too large: 8200×100/],
    ['a format that is not allowed', 'image/png', async () => gradient(100, 100).tiff().toBuffer(), /format tiff is not allowed/],
  ])('rejects %s with a readable reason and deletes the raw upload', async (_name, contentType, make, reason) => {
    const sub = `u-rej-${Math.random().toString(36).slice(2, 8)}`;
    const { ticket, event } = await ticketAndUpload(sub, contentType, await make());
    expect((await imageHandler(event)).processed[0].outcome).toBe('REJECTED');
    const item = await uploadItem(sub, ticket.uploadId);
    expect(item).toMatchObject({ status: 'REJECTED', reason: expect.stringMatching(reason) });
    expect(item?.media).toBeUndefined();
    expect(await exists(`uploads/${sub}/${ticket.uploadId}`)).toBe(false);
  });

  it('ignores (and removes) an object nobody asked a ticket for', async () => {
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await s3().send(new PutObjectCommand({ Bucket: env.bucket, Key: 'uploads/stranger/NOPE', Body: 'x' }));
    const event = await createdEvent('uploads/stranger/NOPE');
    expect((await imageHandler(event)).processed[0].outcome).toBe('skipped');
    expect(await exists('uploads/stranger/NOPE')).toBe(false);
  });
});
