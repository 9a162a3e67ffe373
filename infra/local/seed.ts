// Demo data for `npm start`, written through the real paths so the feed is alive on first start: users in
// cognito-local, profiles via the API, images drawn with sharp, uploaded with the presigned POST from
// requestUpload → S3 emulator → image function, posts via createPost → moderation (stream), likes and
// comments via the API → rewards and notifications (stream), rewards via putReward as the admin.
// Runs once per data folder (a marker file); `npm start -- --reset` starts over.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Stack } from './start.js';

export const DEMO_PASSWORD = 'Passw0rd!demo';
export const DEMO_USERS = [
  { handle: 'alice', email: 'alice@example.com', bio: 'Mountains and morning light.' },
  { handle: 'bob', email: 'bob@example.com', bio: 'City walks, film colours.' },
  { handle: 'carol', email: 'carol@example.com', bio: 'Gradients are my love language.' },
  { handle: 'admin', email: 'admin@example.com', bio: 'Keeping the feed friendly.', admin: true },
] as const;

const CAPTIONS = [
  'Golden hour over the ridge', 'Blue city at dusk', 'Soft pastel morning', 'Neon after the rain', 'Sea glass colours',
  'Autumn in one frame', 'Quiet violet evening', 'Late summer haze', 'First snow light', 'Sunrise from the balcony',
  'Lavender fields, remembered', 'Coral and teal', 'Stormy afternoon sky', 'Mint and peach', 'A walk by the harbour',
  'Warm windows at night', 'Desert palette', 'Forest after rain', 'Citrus light', 'Deep ocean blues',
  'Candy sky', 'Dawn over the lake', 'Sandstone glow', 'Northern lights dream',
];
const REWARDS = [
  { name: 'Sticker pack', description: 'Six vinyl stickers of the feed mascot.', cost: 50, stock: 100 },
  { name: 'Pro badge (30 days)', description: 'A shiny badge on your profile for a month.', cost: 120, stock: 1000 },
  { name: 'Poster print', description: 'An A3 print of any post you like.', cost: 400, stock: 20 },
];

interface GqlResult<T> {
  data?: T;
  errors?: { message: string; errorType?: string }[];
}

async function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GqlResult<T>;
  if (body.errors?.length) throw new Error(`${query.split('(')[0].trim()}: ${body.errors.map((e) => `${e.errorType ?? ''} ${e.message}`.trim()).join('; ')}`);
  return body.data as T;
}

/** A full-screen-ish gradient image with soft circles, different per index. */
export async function demoImage(i: number): Promise<Buffer> {
  const hue = (i * 47) % 360;
  const [w, h] = i % 3 === 0 ? [1080, 1350] : i % 3 === 1 ? [1080, 1080] : [1200, 800];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},75%,62%)"/><stop offset="1" stop-color="hsl(${(hue + 80) % 360},70%,35%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${w * 0.3}" cy="${h * 0.35}" r="${w * 0.18}" fill="hsla(${(hue + 180) % 360},80%,80%,0.35)"/>
    <circle cx="${w * 0.7}" cy="${h * 0.65}" r="${w * 0.25}" fill="hsla(${(hue + 40) % 360},80%,90%,0.25)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

export async function uploadImage(stack: Pick<Stack, 'graphqlUrl'>, token: string, image: Buffer): Promise<string> {
  const { requestUpload } = await gql<{ requestUpload: { uploadId: string; url: string; fields: string } }>(
    stack.graphqlUrl,
    token,
    'mutation Upload($input: RequestUploadInput!) { requestUpload(input: $input) { uploadId url fields } }',
    { input: { contentType: 'image/jpeg', size: image.length } },
  );
  const form = new FormData();
  const fields = JSON.parse(requestUpload.fields) as Record<string, string>;
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(image)], { type: 'image/jpeg' }), 'demo.jpg');
  const res = await fetch(requestUpload.url, { method: 'POST', body: form });
  if (!res.ok) throw new Error(`upload to S3 failed: HTTP ${res.status} ${await res.text()}`);
  return requestUpload.uploadId;
}

export async function seedDemoData(stack: Stack, opts: { dataDir: string; posts?: number; log?: (line: string) => void }): Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const marker = path.join(opts.dataDir, 'seeded.json');
  const credentials = () =>
    log(`demo users (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => `${u.email}${'admin' in u ? ' [admins]' : ''}`).join(', ')}`);
  if (existsSync(marker)) {
    credentials();
    return;
  }
  const began = Date.now();
  const url = stack.graphqlUrl;
  const tokens: string[] = [];
  for (const u of DEMO_USERS) {
    await stack.pool.createUser(u.email, DEMO_PASSWORD, { groups: 'admin' in u ? ['admins'] : [] });
    const t = await stack.pool.signIn(u.email, DEMO_PASSWORD);
    tokens.push(t.IdToken);
    await gql(url, t.IdToken, 'mutation P($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }', { input: { handle: u.handle, bio: u.bio } });
  }
  const adminToken = tokens[DEMO_USERS.length - 1];
  const posters = tokens.slice(0, 3);
  for (const reward of REWARDS) {
    await gql(url, adminToken, 'mutation R($input: PutRewardInput!) { putReward(input: $input) { id } }', { input: reward });
  }

  // uploads, a few at a time (sharp + the image function are CPU-bound)
  const count = opts.posts ?? CAPTIONS.length;
  const uploads: { author: number; uploadId: string; caption: string }[] = [];
  for (let i = 0; i < count; i += 4) {
    const chunk = Array.from({ length: Math.min(4, count - i) }, (_, j) => i + j);
    uploads.push(
      ...(await Promise.all(
        chunk.map(async (n) => ({ author: n % 3, uploadId: await uploadImage(stack, posters[n % 3], await demoImage(n)), caption: CAPTIONS[n % CAPTIONS.length] })),
      )),
    );
  }
  await stack.settle(120_000);

  const postIds: { id: string; author: number }[] = [];
  for (const u of uploads) {
    try {
      const { createPost } = await gql<{ createPost: { id: string } }>(url, posters[u.author], 'mutation C($input: CreatePostInput!) { createPost(input: $input) { id } }', {
        input: { uploadId: u.uploadId, caption: u.caption },
      });
      postIds.push({ id: createPost.id, author: u.author });
    } catch (err) {
      log(`seed: post "${u.caption}" skipped: ${(err as Error).message}`);
    }
  }
  await stack.settle(120_000); // moderation approves them

  // likes from everyone else on most posts, a comment on every third
  const COMMENTS = ['Love these colours!', 'Wow', 'This would make a great wallpaper', 'So calm'];
  let likes = 0;
  let comments = 0;
  for (const [i, post] of postIds.entries()) {
    for (let liker = 0; liker < 3; liker += 1) {
      if (liker === post.author || (i + liker) % 4 === 0) continue;
      await gql(url, posters[liker], 'mutation L($id: ID!) { likePost(postId: $id) { postId likeCount commentCount liked } }', { id: post.id });
      likes += 1;
    }
    if (i % 3 === 0) {
      const by = (post.author + 1) % 3;
      await gql(url, posters[by], 'mutation A($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { postId: post.id, text: COMMENTS[i % COMMENTS.length] } });
      comments += 1;
    }
  }
  await stack.settle(120_000); // coins and notifications
  writeFileSync(marker, JSON.stringify({ seededAt: new Date().toISOString(), posts: postIds.length, likes, comments }));
  log(`seeded ${DEMO_USERS.length} users, ${postIds.length} posts, ${likes} likes, ${comments} comments, ${REWARDS.length} rewards in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  credentials();
}
