// The in-process LAMBDA data source and the NONE data source.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionDef } from '../../../infra/api/types.js';
import { createDataSources, resolveEnvRefs } from '../../../infra/local/datasources/index.js';
import { createLambdaDataSource } from '../../../infra/local/datasources/lambda.js';
import { buildContext } from '../../../infra/local/runtime/context.js';

const def = (timeoutSeconds = 5): FunctionDef => ({ dir: 'echo', description: 'test', memoryMb: 128, timeoutSeconds, grants: [] });
const ctx = buildContext({ arguments: { id: '1' }, identity: null, info: { fieldName: 'f', parentTypeName: 'Query' } });
const dirs: string[] = [];

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('LAMBDA data source', () => {
  it('Invoke with a payload calls the handler with it and returns its result', async () => {
    const invoke = createLambdaDataSource({ name: 'echo', def: def(), repoRoot: '/', handler: async (event, context) => ({ event, fn: (context as { functionName: string }).functionName }) });
    expect(await invoke({ operation: 'Invoke', payload: { a: 1 } }, ctx)).toEqual({ result: { event: { a: 1 }, fn: 'echo' } });
  });

  it('Invoke without a payload sends the direct Lambda resolver event (arguments, identity, info...)', async () => {
    const invoke = createLambdaDataSource({ name: 'echo', def: def(), repoRoot: '/', handler: (event) => event });
    const out = (await invoke({ operation: 'Invoke' }, ctx)) as { result: Record<string, unknown> };
    expect(out.result).toMatchObject({ arguments: { id: '1' }, identity: null, info: { fieldName: 'f', parentTypeName: 'Query' } });
  });

  it('a thrown error → ctx.error {message, type: Lambda:Unhandled}; a slow handler times out', async () => {
    const failing = createLambdaDataSource({ name: 'echo', def: def(), repoRoot: '/', handler: () => { throw new Error('boom'); } });
    expect(await failing({ operation: 'Invoke', payload: {} }, ctx)).toEqual({ error: { message: 'boom', type: 'Lambda:Unhandled' } });
    const slow = createLambdaDataSource({ name: 'echo', def: def(0.05), repoRoot: '/', handler: () => new Promise((r) => setTimeout(r, 500)) });
    const out = await slow({ operation: 'Invoke', payload: {} }, ctx);
    expect(out).toEqual({ error: { message: expect.stringMatching(/Task timed out after 0.05 seconds/), type: 'Lambda:Unhandled' } });
  });

  it('invocationType Event does not wait: null result at once', async () => {
    let called = false;
    const invoke = createLambdaDataSource({ name: 'echo', def: def(), repoRoot: '/', handler: async () => { await new Promise((r) => setTimeout(r, 50)); called = true; } });
    expect(await invoke({ operation: 'Invoke', payload: {}, invocationType: 'Event' }, ctx)).toEqual({ result: null });
    expect(called).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(called).toBe(true);
  });

  it('an unknown operation is refused', async () => {
    const invoke = createLambdaDataSource({ name: 'echo', def: def(), repoRoot: '/', handler: () => 1 });
    expect(await invoke({ operation: 'Call' }, ctx)).toMatchObject({ error: { message: expect.stringMatching(/Invoke or BatchInvoke/) } });
  });

  it('imports functions/<dir>/handler.ts and sets its env before the call', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'lambda-ds-'));
    dirs.push(root);
    await mkdir(path.join(root, 'functions/echo'), { recursive: true });
    await writeFile(path.join(root, 'functions/echo/handler.ts'), 'export const handler = async (e: { n: number }) => ({ n: e.n * 2, table: process.env.TABLE_NAME });\n');
    const invoke = createDataSources({
      api: { dataSources: { fn: { kind: 'LAMBDA', function: 'echo' }, none: { kind: 'NONE' } }, functions: { echo: { ...def(), env: { TABLE_NAME: { table: 'main' } } } } },
      resources: { tables: { main: 'local-main' } },
      repoRoot: root,
    });
    expect(await invoke('fn', { operation: 'Invoke', payload: { n: 21 } }, ctx)).toEqual({ result: { n: 42, table: 'local-main' } });
    expect(await invoke('none', { payload: { x: 1 } }, ctx)).toEqual({ result: { x: 1 } });
    expect(await invoke('missing', {}, ctx)).toMatchObject({ error: { message: expect.stringMatching(/"missing" is not defined/) } });
  });

  it('resolveEnvRefs resolves every kind of ref and names a missing one', () => {
    const res = { tables: { main: 't' }, buckets: { media: 'b' }, bucketUrls: { media: 'http://cdn' }, graphqlUrl: 'http://g' };
    expect(resolveEnvRefs({ A: { table: 'main' }, B: { bucket: 'media' }, C: { bucketCdnUrl: 'media' }, D: { graphqlUrl: true }, E: { value: 'v' } }, res)).toEqual({ A: 't', B: 'b', C: 'http://cdn', D: 'http://g', E: 'v' });
    expect(() => resolveEnvRefs({ X: { table: 'other' } }, res)).toThrow(/env X/);
  });
});

describe('LAMBDA BatchInvoke', () => {
  it('calls made in one turn go to the function as one array; per-item errors stay per item', async () => {
    const calls: unknown[] = [];
    const invoke = createLambdaDataSource({
      name: 'batch',
      def: def(),
      repoRoot: '/',
      maxBatchSize: 2,
      handler: (events) => {
        calls.push(events);
        return (events as Array<{ id: number }>).map((e) => (e.id === 2 ? { errorMessage: 'no 2', errorType: 'NotFound' } : { id: e.id, ok: true }));
      },
    });
    const results = await Promise.all([1, 2, 3].map((id) => invoke({ operation: 'BatchInvoke', payload: { id } }, ctx)));
    expect(calls).toEqual([[{ id: 1 }, { id: 2 }], [{ id: 3 }]]);
    expect(results).toEqual([
      { result: { id: 1, ok: true } },
      { error: { message: 'no 2', type: 'NotFound', data: null } },
      { result: { id: 3, ok: true } },
    ]);
  });

  it('a batch answer of the wrong length fails every item', async () => {
    const invoke = createLambdaDataSource({ name: 'batch', def: def(), repoRoot: '/', handler: () => [1] });
    const results = await Promise.all([1, 2].map((id) => invoke({ operation: 'BatchInvoke', payload: { id } }, ctx)));
    expect(results.every((r) => 'error' in r && /array of 2 entries/.test(r.error.message))).toBe(true);
  });
});
