// Uploads the built web app (web/dist) and its runtime config into the web bucket. Hashed assets are cached
// for a year; index.html and amplify-config.json are revalidated on every load, so no CloudFront
// invalidation is needed after a deploy.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

function* files(dir: string, base = dir): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full, base);
    else yield path.relative(base, full);
  }
}

export function cacheControl(key: string): string {
  return key.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function publishWeb(opts: { distDir: string; configFile: string; bucket: string; region: string }): Promise<number> {
  const s3 = new S3Client({ region: opts.region });
  const uploads: Array<{ key: string; file: string }> = [...files(opts.distDir)]
    .filter((key) => key !== 'amplify-config.json')
    .map((key) => ({ key: key.split(path.sep).join('/'), file: path.join(opts.distDir, key) }));
  uploads.push({ key: 'amplify-config.json', file: opts.configFile });
  for (const { key, file } of uploads) {
    await s3.send(
      new PutObjectCommand({
        Bucket: opts.bucket,
        Key: key,
        Body: readFileSync(file),
        ContentType: TYPES[path.extname(key)] ?? 'application/octet-stream',
        CacheControl: cacheControl(key),
      }),
    );
  }
  return uploads.length;
}
