// Web figures for `npm run bench`: the initial JavaScript of a production build (gzip), the feed's largest
// contentful paint in Chromium, and how many images (and how many image bytes) the feed fetches before the
// first swipe.
// The build is served by `vite preview` against a local stack seeded with the demo data (24 posts).
// Loopback network, no throttling: LCP here is the app's own cost (JS parse + config + feed query + image).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Response } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { build, preview } from 'vite';
import { freePorts } from '../../infra/local/services/index.js';
import { startStack } from '../../infra/local/start.js';
import { seedDemoData } from '../../infra/local/seed.js';
import { launchChromium, PHONE } from '../e2e/support/browser.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const webConfig = path.resolve(here, '../../web/vite.config.ts');
const RUNS = 5;

/** JS the browser must fetch before the app runs: the entry script and its modulepreloads. */
function initialJs(outDir: string): { files: string[]; bytes: number; gzipBytes: number } {
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/<script type="module"[^>]*src="([^"]+)"|<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  let bytes = 0;
  let gzipBytes = 0;
  for (const ref of refs) {
    const body = readFileSync(path.join(outDir, ref.replace(/^\//, '')));
    bytes += body.length;
    gzipBytes += gzipSync(body, { level: 9 }).length;
  }
  return { files: refs, bytes, gzipBytes };
}

/** Bytes of a response body as transferred to the page (the decoded body; Content-Length if unreadable). */
async function bodyBytes(r: Response): Promise<number> {
  try {
    return (await r.body()).length;
  } catch {
    return Number(r.headers()['content-length'] ?? 0);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(): Promise<Record<string, unknown>> {
  const work = mkdtempSync(path.join(tmpdir(), 'web-bench-'));
  const outDir = path.join(work, 'dist');
  const dataDir = path.join(work, 'data');
  const configFile = path.join(work, 'amplify-config.json');
  await build({ configFile: webConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const js = initialJs(outDir);

  const [appsync, dynamodb, s3, cognito, web] = await freePorts(5);
  const stack = await startStack({
    dataDir,
    inMemoryDynamoDB: true,
    ports: { appsync, dynamodb, s3, cognito },
    web: false,
    configFile,
    scheduleTimers: false,
    log: () => undefined,
  });
  process.env.AMPLIFY_CONFIG_FILE = configFile; // read by web/vite.config.ts's /amplify-config.json route
  const server = await preview({ configFile: webConfig, logLevel: 'warn', build: { outDir }, preview: { port: web, strictPort: true } });
  const browser = await launchChromium();
  try {
    await seedDemoData(stack, { dataDir, log: () => undefined });
    await stack.settle();
    const url = `http://127.0.0.1:${web}/`;
    const lcps: number[] = [];
    const imageCounts: number[] = [];
    const imageBytes: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const images = new Set<string>();
      const bodies: Promise<number>[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'image' && r.url().startsWith('http')) images.add(r.url());
      });
      page.on('response', (r) => {
        if (r.request().resourceType() === 'image' && r.url().startsWith('http')) bodies.push(bodyBytes(r));
      });
      await page.goto(url);
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="post-slide"] img');
        return Boolean(img?.complete && img.naturalWidth > 0);
      }, undefined, { timeout: 30_000 });
      await page.waitForTimeout(1500); // anything lazy that would still start, starts now
      const lcp = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const entries = list.getEntries();
              resolve(entries[entries.length - 1]?.startTime ?? -1);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
      );
      lcps.push(Math.round(lcp));
      imageCounts.push(images.size);
      imageBytes.push((await Promise.all(bodies)).reduce((a, b) => a + b, 0));
      await context.close();
    }
    return {
      initialJsGzipKB: +(js.gzipBytes / 1024).toFixed(1),
      initialJsKB: +(js.bytes / 1024).toFixed(1),
      initialJsFiles: js.files.length,
      feedLcpMsMedian: median(lcps),
      feedLcpMsRuns: lcps,
      imageRequestsBeforeFirstSwipe: median(imageCounts),
      imageRequestsRuns: imageCounts,
      imageBytesBeforeFirstSwipe: median(imageBytes),
      imageBytesRuns: imageBytes,
      conditions: `Chromium headless, ${PHONE.width}x${PHONE.height} @2x, loopback, no throttling, vite preview build, ${RUNS} cold contexts`,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    await stack.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await run(), null, 2));
}
