// Bad input, property-based (fast-check): every input type gets oversized strings, unicode edge cases (lone
// surrogates, RTL overrides, zero-width, emoji sequences), wrong types; plus deep and wide queries, oversized
// bodies, malformed WebSocket frames, uploads that are not images or are too big, S3 keys with `../`.
// Each must get a clear error (errorType, and the field for validation), the server must stay up and serve the
// next request, and nothing may be half-written (the fuzzing user's items are checked at the end).
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import WebSocket from 'ws';
import { api as baseApi } from '../../infra/api/index.js';
import { localDynamoDBClient } from '../../infra/local/services/index.js';
import { connectRealtime, createUsers, gql, must, type GqlAnswer, type StressStack, type TestUser } from '../support/stress.js';

export interface BadInputReport {
  requests: number;
  frames: number;
  violations: string[];
}

/** Strings people and attackers type: every unicode unit, plus the known troublemakers. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\u202eevil', '\u200b\u200d\ufeff', '👩‍👩‍👧‍👦', '🏳️‍🌈', 'e\u0301', '\u0000', '../../etc/passwd', '${ctx}', '{"$ne":1}', '<script>', 'x'.repeat(5000)),
);

/** Code points, as the API counts characters (schema header: "caption <= 280 characters"). */
const codePoints = (s: string) => Array.from(s.trim()).length;

const ALLOWED_TYPES = new Set(['ValidationError', 'NotFound', 'Conflict', 'MediaNotReady', 'InsufficientCoins', 'OutOfStock', 'BadRequestException', 'GraphQLError', null, undefined]);

function clear(a: GqlAnswer, label: string, v: string[]): void {
  if (a.status >= 500) v.push(`${label}: HTTP ${a.status} ${JSON.stringify(a.errors).slice(0, 200)}`);
  for (const e of a.errors ?? []) {
    if (!ALLOWED_TYPES.has(e.errorType as string)) v.push(`${label}: errorType ${e.errorType}: ${e.message.slice(0, 160)}`);
    if (!e.message) v.push(`${label}: error without a message`);
  }
}

/** A validation error must name the field at fault: errorType ValidationError and "<field>: ..." */
function namesField(a: GqlAnswer, field: string): boolean {
  return (a.errors ?? []).some((e) => e.errorType === 'ValidationError' && e.message.startsWith(`${field}:`));
}

export async function runBadInput(ss: StressStack, opts: { runs: number }): Promise<BadInputReport> {
  const url = ss.stack.graphqlUrl;
  const v: string[] = [];
  let requests = 0;
  let frames = 0;
  const [[fuzz]] = await Promise.all([createUsers(ss.stack, 'fuzz', 1)]);
  const call = async (label: string, query: string, variables: Record<string, unknown>, user: TestUser = fuzz) => {
    requests += 1;
    const a = await gql(url, user.auth, query, variables);
    clear(a, label, v);
    return a;
  };
  const params = { numRuns: opts.runs, seed: Number(process.env.STRESS_SEED ?? 42) };

  // captions: > 280 code points → ValidationError(caption); otherwise the (missing) upload is the error
  await fc.assert(
    fc.asyncProperty(fc.oneof(nasty, fc.string({ unit: 'grapheme', minLength: 270, maxLength: 300 })), async (caption) => {
      const a = await call('createPost.caption', 'mutation C($i: CreatePostInput!) { createPost(input: $i) { id } }', { i: { uploadId: 'no-such-upload', caption } });
      const tooLong = codePoints(caption) > 280;
      if (tooLong !== namesField(a, 'caption')) v.push(`caption of ${codePoints(caption)} code points: ${JSON.stringify(a.errors).slice(0, 200)}`);
      if (a.data?.createPost) v.push('createPost succeeded without an upload');
    }),
    params,
  );
  // comments 1..500, report reasons <= 500, handles 3..24 [a-z0-9_], bios, reward names
  const textCases: Array<{ label: string; field: string; query: string; vars: (s: string) => Record<string, unknown>; ok: (s: string) => boolean }> = [
    { label: 'addComment.text', field: 'text', query: 'mutation A($i: AddCommentInput!) { addComment(input: $i) { id } }', vars: (s) => ({ i: { postId: 'no-such-post', text: s } }), ok: (s) => codePoints(s) >= 1 && codePoints(s) <= 500 },
    { label: 'reportPost.reason', field: 'reason', query: 'mutation R($i: ReportPostInput!) { reportPost(input: $i) { postId } }', vars: (s) => ({ i: { postId: 'no-such-post', reason: s } }), ok: (s) => codePoints(s) <= 500 && codePoints(s) >= 1 },
    { label: 'updateProfile.handle', field: 'handle', query: 'mutation U($i: UpdateProfileInput!) { updateProfile(input: $i) { handle } }', vars: (s) => ({ i: { handle: s } }), ok: (s) => /^[a-z0-9_]{3,24}$/.test(s.trim()) },
  ];
  for (const t of textCases) {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.string({ unit: 'grapheme', minLength: 495, maxLength: 505 })), async (s) => {
        const a = await call(t.label, t.query, t.vars(s));
        if (!t.ok(s) && !namesField(a, t.field)) v.push(`${t.label} ${JSON.stringify(s).slice(0, 60)} (${codePoints(s)} cp): ${JSON.stringify(a.errors ?? a.data).slice(0, 200)}`);
        if (t.label === 'updateProfile.handle' && t.ok(s)) await call('restore handle', t.query, { i: { handle: 'fuzz0' } });
      }),
      params,
    );
  }
  // uploads: content types and sizes
  await fc.assert(
    fc.asyncProperty(fc.oneof(nasty, fc.constantFrom('image/png', 'image/svg+xml', 'text/html', 'IMAGE/PNG', 'image/png ')), fc.oneof(fc.integer(), fc.constantFrom(0, -1, 10 * 1024 * 1024, 10 * 1024 * 1024 + 1)), async (contentType, size) => {
      const a = await call('requestUpload', 'mutation Q($i: RequestUploadInput!) { requestUpload(input: $i) { uploadId } }', { i: { contentType, size } });
      const okType = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'].includes(contentType);
      const okSize = size >= 1 && size <= 10 * 1024 * 1024;
      if (!okType && !namesField(a, 'contentType')) v.push(`requestUpload contentType ${JSON.stringify(contentType).slice(0, 40)}: ${JSON.stringify(a.errors).slice(0, 160)}`);
      if (okType && !okSize && !namesField(a, 'size')) v.push(`requestUpload size ${size}: ${JSON.stringify(a.errors).slice(0, 160)}`);
      if (okType && okSize && !a.data?.requestUpload) v.push(`requestUpload ${contentType} ${size} refused: ${JSON.stringify(a.errors)}`);
    }),
    params,
  );
  // wrong types for every scalar: refused by validation, never a 5xx
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer()), fc.string()), async (value) => {
      for (const [label, query, vars] of [
        ['limit', 'query F($l: Int) { feed(limit: $l) { nextToken } }', { l: value }],
        ['id', 'query P($p: ID!) { post(id: $p) { id } }', { p: value }],
        ['input', 'mutation A($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: value }],
        ['day', 'query A($d: AWSDate!) { auditLog(day: $d) { nextToken } }', { d: value }],
      ] as const) {
        const a = await call(`wrong type ${label}`, query, vars as Record<string, unknown>);
        if (a.status >= 500) v.push(`wrong type ${label}=${JSON.stringify(value).slice(0, 40)}: HTTP ${a.status}`);
      }
    }),
    { ...params, numRuns: Math.max(10, Math.floor(opts.runs / 2)) },
  );

  // deep, wide and oversized queries
  const deep = `query { __schema { types { ${'fields { type { ofType { '.repeat(40)}name${' } } }'.repeat(40)} } } }`;
  const wide = `query { ${Array.from({ length: 3000 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
  const fragmentBomb = `query { ...F0 } ${Array.from({ length: 30 }, (_, i) => `fragment F${i} on Query { me { id } ${i < 29 ? `...F${i + 1} ...F${i + 1}` : ''} }`).join(' ')}`;
  const cyclic = 'query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }';
  for (const [label, query] of [['deep', deep], ['wide', wide], ['fragment bomb', fragmentBomb], ['cyclic fragments', cyclic], ['not graphql', '}{'], ['empty', '']] as const) {
    const started = Date.now();
    const a = await call(label, query, {});
    if (Date.now() - started > 15_000) v.push(`${label}: took ${Date.now() - started} ms`);
    // graphql-js visits each fragment once per selection set, so the "bomb" is cheap: only its time counts
    if (!a.errors?.length && ['cyclic fragments', 'not graphql', 'empty'].includes(label)) v.push(`${label}: answered without an error`);
  }
  requests += 1;
  const huge = await gql(url, fuzz.auth, '', {}, JSON.stringify({ query: 'query { me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
  if (huge.status !== 413) v.push(`2 MB body: HTTP ${huge.status}`);
  for (const body of ['{', '[]', 'null', '{"query": 5}', '\u0000\u0001']) {
    requests += 1;
    const a = await gql(url, fuzz.auth, '', {}, body).catch((err: Error) => ({ status: 0, errors: [{ message: err.message }] }) as GqlAnswer);
    if (a.status === 0 || a.status >= 500 || !a.errors?.length) v.push(`body ${JSON.stringify(body)}: HTTP ${a.status} ${JSON.stringify(a.errors)}`);
  }

  // malformed WebSocket frames: an error (or a close) each, and the server keeps serving
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.json(),
        fc.constantFrom('{"type":"start"}', '{"type":"start","id":"x","payload":{"data":"{"}}', '{"type":"start","id":"y","payload":{"data":"{\\"query\\":\\"mutation { me { id } }\\"}"}}', '{"type":"stop"}', '{"type":"bogus"}', '{"type":"connection_init","payload":' + '['.repeat(5000) + ']'.repeat(5000) + '}'),
      ),
      async (frame) => {
        frames += 1;
        const conn = await connectRealtime(ss.stack.realtimeUrl, url, { authorization: fuzz.idToken });
        conn.socket.send(frame);
        await new Promise((r) => setTimeout(r, 30));
        if (conn.socket.readyState === WebSocket.OPEN) conn.close();
      },
    ),
    { ...params, numRuns: Math.max(10, Math.floor(opts.runs / 2)) },
  );
  const after = await connectRealtime(ss.stack.realtimeUrl, url, { authorization: fuzz.idToken });
  if (!after.messages.some((m) => m.type === 'connection_ack')) v.push('realtime: no connection_ack after the malformed frames');
  after.close();

  // uploads that are not images, too big, or aimed elsewhere with ../ in the key
  const ticket = async (contentType: string, size: number) =>
    (await must(url, fuzz.auth, 'mutation Q($i: RequestUploadInput!) { requestUpload(input: $i) { uploadId url fields } }', { i: { contentType, size } })).requestUpload as { uploadId: string; url: string; fields: string };
  const post = async (t: { url: string; fields: string }, bytes: Buffer, type: string, override: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, val] of Object.entries({ ...(JSON.parse(t.fields) as Record<string, string>), ...override })) form.append(k, val);
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), 'f');
    return (await fetch(t.url, { method: 'POST', body: form })).status;
  };
  const notImage = await ticket('image/png', 64);
  const notImageStatus = await post(notImage, Buffer.from('<html>definitely not a png</html>'.padEnd(64, ' ')), 'image/png');
  if (notImageStatus >= 300) v.push(`upload of non-image bytes refused by S3 (${notImageStatus}); expected the image function to reject it`);
  const tooBig = await ticket('image/png', 100);
  const tooBigStatus = await post(tooBig, Buffer.alloc(10 * 1024 * 1024 + 10, 1), 'image/png');
  if (tooBigStatus < 400) v.push(`an upload over 10 MiB was accepted by S3 (${tooBigStatus})`);
  const traversal = await ticket('image/png', 64);
  const key = (JSON.parse(traversal.fields) as Record<string, string>).key;
  for (const evil of [`${key}/../../../media/evil.png`, `uploads/../media/evil.png`, '../evil.png', `${key.replace('uploads/', 'media/')}`]) {
    const status = await post(traversal, Buffer.alloc(64, 1), 'image/png', { key: evil });
    if (status < 400) v.push(`S3 accepted an upload to key ${evil} (${status})`);
  }
  await ss.stack.settle(60_000);
  const upload = await must(url, fuzz.auth, 'query U($id: ID!) { upload(id: $id) { status reason } }', { id: notImage.uploadId });
  if (upload.upload?.status !== 'REJECTED' || !upload.upload.reason) v.push(`non-image upload: ${JSON.stringify(upload.upload)}`);

  // the server is up and serves the next request
  const me = await must(url, fuzz.auth, 'query { me { id handle } }');
  if (me.me.id !== fuzz.sub || me.me.handle !== 'fuzz0') v.push(`after fuzzing, me = ${JSON.stringify(me.me)}`);

  // nothing half-written: the fuzzing user has no post, comment, report, ledger or redemption
  const db = DynamoDBDocumentClient.from(localDynamoDBClient(ss.stack.services.dynamodb.endpoint));
  const table = `${baseApi.name}-main`;
  const mine = await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `USER#${fuzz.sub}` } }));
  const kinds = new Set((mine.Items ?? []).map((i) => String(i.SK).split('#')[0]));
  for (const k of kinds) if (!['PROFILE', 'UPLOAD'].includes(k)) v.push(`fuzz user has a ${k} item`);
  const authored = await db.send(new QueryCommand({ TableName: table, IndexName: 'byAuthor', KeyConditionExpression: 'authorPK = :pk', ExpressionAttributeValues: { ':pk': `USER#${fuzz.sub}` } }));
  if (authored.Items?.length) v.push(`fuzz user authored ${authored.Items.length} posts`);
  db.destroy();
  return { requests, frames, violations: v };
}
