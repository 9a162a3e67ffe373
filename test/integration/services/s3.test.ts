// The S3 emulator as the project runs it: presigned POST uploads (policy enforced), CORS for the
// browser, object-created events, SDK v3 round trips with the local checksum settings.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { freePort, localS3Client, startS3, type S3Local, type S3ObjectCreated } from '../../../infra/local/services/index.js';
import { acceptsConnection, listeningAddresses } from '../../support/services.js';

const BUCKET = 'media';
const WEB_ORIGIN = 'http://127.0.0.1:5173';
let s3: S3Local;
let client: S3Client;
let dataDir: string;
let startMs = 0;
const events: S3ObjectCreated[] = [];

beforeAll(async () => {
  dataDir = join(await mkdtemp(join(tmpdir(), 's3-test-')), 'not-yet-created'); // startS3 must create it
  const t0 = performance.now();
  s3 = await startS3({ port: await freePort(), dataDir, buckets: [BUCKET] });
  startMs = performance.now() - t0;
  client = localS3Client(s3.endpoint);
  s3.onObjectCreated((event) => {
    events.push(event);
  });
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  if (dataDir) await rm(join(dataDir, '..'), { recursive: true, force: true });
});

/** A presigned POST like the upload-ticket Lambda will issue: one key, image/jpeg, at most 1 KiB. */
async function ticket(key: string) {
  return createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: [
      ['content-length-range', 1, 1024],
      ['eq', '$Content-Type', 'image/jpeg'],
    ],
    Fields: { 'Content-Type': 'image/jpeg' },
    Expires: 60,
  });
}

function form(fields: Record<string, string>, bytes: Uint8Array, contentType = 'image/jpeg'): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', new Blob([new Uint8Array(bytes)], { type: contentType }), 'photo.jpg');
  return body;
}

const waitFor = async (check: () => boolean, ms = 2_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
};

describe('S3 emulator', () => {
  it('starts fast, creates its data folder, and listens on 127.0.0.1 only', async () => {
    console.info(`[measure] S3 (s3rver) start: ${startMs.toFixed(0)} ms`);
    expect(listeningAddresses(s3.port)).toEqual(['127.0.0.1']);
    expect(await acceptsConnection('127.0.0.2', s3.port)).toBe(false);
  });

  it('accepts a presigned POST within its policy and reports the object-created event', async () => {
    const key = `uploads/${Date.now()}-ok.jpg`;
    const { url, fields } = await ticket(key);
    const bytes = new Uint8Array(600).fill(7);
    const answer = await fetch(url, { method: 'POST', body: form(fields, bytes), headers: { Origin: WEB_ORIGIN } });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBeTruthy();

    const stored = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(stored.ContentType).toBe('image/jpeg');
    expect(Buffer.from(await stored.Body!.transformToByteArray())).toEqual(Buffer.from(bytes));

    await waitFor(() => events.some((e) => e.key === key));
    const event = events.find((e) => e.key === key);
    expect(event).toMatchObject({ bucket: BUCKET, key, size: 600, eventName: 'ObjectCreated:Post' });
    expect(event?.record.s3.object.key).toBe(encodeURIComponent(key)); // URL-encoded, as AWS delivers it
  });

  it('refuses an oversized upload (EntityTooLarge) and stores nothing', async () => {
    const key = `uploads/${Date.now()}-big.jpg`;
    const { url, fields } = await ticket(key);
    const answer = await fetch(url, { method: 'POST', body: form(fields, new Uint8Array(2048)), headers: { Origin: WEB_ORIGIN } });
    expect(answer.status).toBe(400);
    const xml = await answer.text();
    expect(xml).toContain('<Code>EntityTooLarge</Code>');
    expect(xml).toContain('<MaxSizeAllowed>1024</MaxSizeAllowed>');
    expect(answer.headers.get('access-control-allow-origin')).toBe(WEB_ORIGIN); // the browser can read why
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toThrow();
    expect(events.some((e) => e.key === key)).toBe(false);
  });

  it('refuses a content type, key or expiry the policy does not allow', async () => {
    const key = `uploads/${Date.now()}-type.jpg`;
    const { url, fields } = await ticket(key);

    const wrongType = await fetch(url, { method: 'POST', body: form({ ...fields, 'Content-Type': 'text/html' }, new Uint8Array(10)) });
    expect(wrongType.status).toBe(403);
    expect(await wrongType.text()).toContain('Policy Condition failed: ["eq", "$Content-Type", "image/jpeg"]');

    const otherKey = await fetch(url, { method: 'POST', body: form({ ...fields, key: 'media/overwrite.jpg' }, new Uint8Array(10)) });
    expect(otherKey.status).toBe(403);

    const extraField = await fetch(url, { method: 'POST', body: form({ ...fields, 'x-amz-meta-owner': 'mallory' }, new Uint8Array(10)) });
    expect(extraField.status).toBe(403);
    expect(await extraField.text()).toContain('Extra input fields: x-amz-meta-owner');

    const expired = await createPresignedPost(client, { Bucket: BUCKET, Key: key, Expires: -10 });
    const late = await fetch(expired.url, { method: 'POST', body: form(expired.fields, new Uint8Array(10)) });
    expect(late.status).toBe(403);
    expect(await late.text()).toContain('Policy expired');

    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).rejects.toThrow();
    await expect(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'media/overwrite.jpg' }))).rejects.toThrow();
  });

  it('answers the browser CORS preflight for uploads from the web app', async () => {
    const answer = await fetch(`${s3.endpoint}/${BUCKET}`, {
      method: 'OPTIONS',
      headers: { Origin: WEB_ORIGIN, 'Access-Control-Request-Method': 'POST' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeTruthy();
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('round-trips SDK PutObject and a presigned GET byte for byte (no checksum framing stored)', async () => {
    const key = `media/${Date.now()}.webp`;
    const bytes = Buffer.from('RIFF....WEBPVP8 not really an image');
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentType: 'image/webp' }));
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), { expiresIn: 60 });
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(bytes);
    await waitFor(() => events.some((e) => e.key === key));
    expect(events.find((e) => e.key === key)).toMatchObject({ eventName: 'ObjectCreated:Put', size: bytes.length });
  });
});
