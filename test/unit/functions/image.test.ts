// The sharp pipeline of functions/image on its own (bytes in, renditions or a reason out).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseUploadKey } from '../../../functions/image/handler.js';
import { processImage, variantWidths } from '../../../functions/image/process.js';

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 1 } } });

describe('processImage', () => {
  it('makes WebP renditions no wider than the original and a small placeholder', async () => {
    const result = await processImage(await solid(700, 350).png().toBuffer());
    if (!result.ok) throw new Error(result.reason);
    expect(result.renditions.map((r) => [r.width, r.height])).toEqual([[320, 160], [640, 320]]);
    for (const r of result.renditions) expect((await sharp(r.body).metadata()).format).toBe('webp');
    const tiny = Buffer.from(result.placeholder.split(',')[1], 'base64');
    expect(await sharp(tiny).metadata()).toMatchObject({ format: 'webp', width: 16 });
  });
  it('takes the first frame of an animated GIF', async () => {
    const gif = await solid(100, 100).gif().toBuffer();
    expect((await processImage(gif)).ok).toBe(true);
  });
  it('rejects truncated image data', async () => {
    const jpeg = await solid(400, 400).jpeg().toBuffer();
    const result = await processImage(jpeg.subarray(0, Math.floor(jpeg.length / 3)));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/damaged|not an image/) });
  });
  it('rejects more than 40 megapixels even within 8000 px per side', async () => {
    const result = await processImage(await solid(7000, 6000).png({ compressionLevel: 9 }).toBuffer());
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/too large: 7000×6000/) });
  });
});

describe('helpers', () => {
  it('variantWidths', () => {
    expect(variantWidths(5000)).toEqual([320, 640, 1080]);
    expect(variantWidths(640)).toEqual([320, 640]);
    expect(variantWidths(100)).toEqual([100]);
  });
  it('parseUploadKey decodes S3 event keys and refuses other prefixes', () => {
    expect(parseUploadKey('uploads%2Fuser+1%2F01ABC')).toEqual({ key: 'uploads/user 1/01ABC', sub: 'user 1', uploadId: '01ABC' });
    expect(parseUploadKey('uploads/u/01ABC')).toMatchObject({ sub: 'u', uploadId: '01ABC' });
    expect(parseUploadKey('media/x/320.webp')).toBeUndefined();
    expect(parseUploadKey('uploads/u/a/b')).toBeUndefined();
  });
});
