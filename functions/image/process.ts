// The image pipeline (sharp): refuse what is not an allowed image or has absurd dimensions, then make WebP
// renditions for srcset (auto-rotated, metadata stripped — sharp drops EXIF/GPS unless asked to keep it) and a
// tiny blurred placeholder. Pure: bytes in, bytes out, so it is tested without S3.
import sharp, { type Metadata } from 'sharp';

export const ALLOWED_FORMATS = ['jpeg', 'png', 'webp', 'gif'] as const;
export const VARIANT_WIDTHS = [320, 640, 1080] as const;
export const MIN_SIDE = 64;
export const MAX_SIDE = 8000;
export const MAX_PIXELS = 40_000_000;
const PLACEHOLDER_WIDTH = 16;

export interface Rendition {
  width: number;
  height: number;
  body: Buffer;
}

export type ImageResult =
  | { ok: true; width: number; height: number; placeholder: string; renditions: Rendition[] }
  | { ok: false; reason: string };

const reject = (reason: string): ImageResult => ({ ok: false, reason });

/** Widths to render: the standard ones not larger than the original, or the original's width when it is smaller. */
export function variantWidths(originalWidth: number): number[] {
  const widths = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  return widths.length ? widths : [originalWidth];
}

export async function processImage(input: Buffer): Promise<ImageResult> {
  let meta: Metadata;
  try {
    // Header only: cheap, and it refuses anything sharp cannot identify.
    meta = await sharp(input).metadata();
  } catch {
    return reject('the file is not an image');
  }
  const format = meta.format as string | undefined;
  if (!format || !(ALLOWED_FORMATS as readonly string[]).includes(format)) {
    return reject(`image format ${format ?? 'unknown'} is not allowed (use JPEG, PNG, WebP or GIF)`);
  }
  if (!meta.width || !meta.height) return reject('the image has no dimensions');
  // EXIF orientations 5-8 are rotated by 90°: the displayed width is the stored height.
  const swapped = (meta.orientation ?? 1) >= 5;
  const width = swapped ? meta.height : meta.width;
  const height = swapped ? meta.width : meta.height;
  if (Math.min(width, height) < MIN_SIDE) {
    return reject(`the image is too small: ${width}×${height} pixels, at least ${MIN_SIDE}×${MIN_SIDE}`);
  }
  if (Math.max(width, height) > MAX_SIDE || width * height > MAX_PIXELS) {
    return reject(`the image is too large: ${width}×${height} pixels, at most ${MAX_SIDE} per side and ${MAX_PIXELS / 1e6} megapixels`);
  }

  // limitInputPixels guards the decoder against a header that lies about the size.
  const base = () => sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
  try {
    const renditions: Rendition[] = [];
    for (const target of variantWidths(width)) {
      const { data, info } = await base()
        .resize({ width: target, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      renditions.push({ width: info.width, height: info.height, body: data });
    }
    const tiny = await base().resize({ width: PLACEHOLDER_WIDTH }).blur(1).webp({ quality: 40 }).toBuffer();
    return { ok: true, width, height, placeholder: `data:image/webp;base64,${tiny.toString('base64')}`, renditions };
  } catch {
    return reject('the image data is damaged');
  }
}
