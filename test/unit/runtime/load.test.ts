// Loading: esbuild bundle -> check -> vm compile, caching, source positions, and the sandbox.
import { mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodeCheckError } from '../../../infra/local/runtime/check.js';
import { runHandler } from '../../../infra/local/runtime/evaluate.js';
import { loadResolver, loadResolverCode } from '../../../infra/local/runtime/load.js';

const fixtures = path.dirname(fileURLToPath(import.meta.url)) + '/fixtures';

async function loadError(p: Promise<unknown>): Promise<CodeCheckError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(CodeCheckError);
  return e as CodeCheckError;
}

describe('loadResolver', () => {
  it('bundles a TypeScript resolver with a local helper module and runs it', async () => {
    const r = await loadResolver(`${fixtures}/getPost.ts`);
    expect(typeof r.request).toBe('function');
    expect(typeof r.response).toBe('function');
    expect(r.bundle).toContain('POST#');
    const out = runHandler(r, 'request', { arguments: { id: '7' }, args: { id: '7' } });
    expect(JSON.parse(JSON.stringify(out.result))).toEqual({ operation: 'GetItem', key: { PK: { S: 'POST#7' }, SK: { S: 'POST' } } });
  });

  it('reports a restriction at the line and column of the original TypeScript file', async () => {
    const e = await loadError(loadResolver(`${fixtures}/badTry.ts`));
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatchObject({ line: 12, column: 3, rule: 'no-try' });
    expect(e.problems[0].file).toMatch(/fixtures\/badTry\.ts$/);
    expect(e.message).toMatch(/badTry\.ts:12:3 no-try: try statements are not supported$/);
  });

  it('caches by path and mtime, and reloads a changed file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'appsync-load-'));
    const file = path.join(dir, 'r.js');
    writeFileSync(file, 'export function request(ctx) { return 1 }\nexport function response(ctx) { return ctx.result }\n');
    const a = await loadResolver(file);
    expect(await loadResolver(file)).toBe(a);
    writeFileSync(file, 'export function request(ctx) { return 2 }\nexport function response(ctx) { return ctx.result }\n');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const b = await loadResolver(file);
    expect(b).not.toBe(a);
    expect(runHandler(b, 'request', {}).result).toBe(2);
  });

  it('rejects a missing file', async () => {
    await expect(loadResolver(`${fixtures}/nope.ts`)).rejects.toThrow(/no such resolver file/);
  });
});

describe('loadResolverCode', () => {
  it('caches by code hash', async () => {
    const code = 'export function request(ctx) { return 1 }';
    expect(await loadResolverCode(code, 'a.js')).toBe(await loadResolverCode(code, 'a.js'));
  });

  it('accepts only the two AppSync modules as imports', async () => {
    const e = await loadError(loadResolverCode("import fs from 'node:fs';\nexport function request(ctx) { return fs }", 'imp.js'));
    expect(e.problems[0].rule).toBe('no-unsupported-import');
  });

  it('reports syntax errors with their position', async () => {
    const e = await loadError(loadResolverCode('export function request(ctx) {\n  return {\n}', 'syn.ts'));
    expect(e.problems[0]).toMatchObject({ file: 'syn.ts', rule: 'syntax', line: 3 });
  });

  it('supports namespace, named and aliased imports of both modules', async () => {
    const r = await loadResolverCode(
      "import { util as u } from '@aws-appsync/utils';\nimport * as ddb from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return [typeof u.autoId, typeof ddb.get] }",
      'imports.js',
    );
    expect(runHandler(r, 'request', {}).result).toEqual(['function', 'function']);
  });
});

describe('module injection', () => {
  it('resolves imports to the module namespaces given (stubs in tests), and only those', async () => {
    const modules = { '@aws-appsync/utils': { util: { hello: (n: string) => ({ hi: n }) } } };
    const r = await loadResolverCode("import { util } from '@aws-appsync/utils';\nexport function request(ctx) { return util.hello('x') }", 'stub.js', { modules });
    expect(runHandler(r, 'request', {}).result).toEqual({ hi: 'x' });
    const e = await loadError(
      loadResolverCode("import { get } from '@aws-appsync/utils/dynamodb';\nexport function request(ctx) { return get }", 'stub2.js', { modules }),
    );
    expect(e.message).toMatch(/stub2\.js:1:1 no-unsupported-import: module '@aws-appsync\/utils\/dynamodb' is not available/);
  });
});

describe('sandbox', () => {
  const run = async (body: string) => {
    const r = await loadResolverCode(`import { util } from '@aws-appsync/utils';\nexport function request(ctx) { ${body} }`, 'sandbox.js');
    return runHandler(r, 'request', { arguments: {}, args: {}, stash: {} });
  };

  it('has no Node globals', async () => {
    const o = await run(
      "return [typeof process, typeof globalThis.require, typeof __dirname, typeof setTimeout, typeof setImmediate, typeof Buffer, typeof fetch, typeof globalThis.process, typeof Promise, typeof WebAssembly]",
    );
    expect(o.result).toEqual(Array(10).fill('undefined'));
  });

  it('has the ECMAScript built-ins resolvers use', async () => {
    const o = await run("return [typeof JSON.stringify, typeof Math.max, typeof Date.now, typeof Object.hasOwn, typeof parseInt, typeof encodeURIComponent, typeof console.log]");
    expect(o.result).toEqual(Array(7).fill('function'));
  });

  const escapes: [string, string][] = [
    ['ctx.constructor.constructor', "return ctx.constructor.constructor('return process')()"],
    ['({}).constructor.constructor', "return ({}).constructor.constructor('return process')()"],
    ['a util function', "return util.autoId.constructor('return process')()"],
    ['a util result', "return util.dynamodb.toMapValues({ a: 1 }).constructor.constructor('return process')()"],
    ['globalThis', "return globalThis.constructor.constructor('return process')()"],
    ['Function.prototype of an arrow', "return (() => 1).constructor('return process')()"],
  ];
  for (const [name, body] of escapes) {
    it(`does not reach the host through ${name}`, async () => {
      const o = await run(body);
      expect(o.result).toBeUndefined();
      expect(o.error?.message).toMatch(/EvalError: Code generation from strings disallowed/);
    });
  }

  // Resolver code can rewrite its own realm's built-ins; the bridge that copies values between realms must not
  // call them with host objects, or a host object's constructor leads to the host's Function and `process`.
  const tampering: [string, string][] = [
    ['Map.prototype.set', 'Map.prototype.set = (k) => { leak.push(k); };'],
    ['WeakMap.prototype.get', 'WeakMap.prototype.get = (k) => { leak.push(k); return undefined; };'],
    ['Array.prototype.push', 'Array.prototype.push = (k) => { leak[leak.length] = k; return 1; };'],
    ['a setter on Array.prototype[0]', "Object.defineProperty(Array.prototype, '0', { set(k) { leak[leak.length] = k; }, configurable: true });"],
  ];
  for (const [name, patch] of tampering) {
    it(`hands no host object to a rewritten ${name}`, async () => {
      const o = await run(
        `const leak = []; ${patch} util.dynamodb.toMapValues({ a: { b: 1 } }); ` +
          "return leak.length ? typeof leak[0].constructor.constructor('return process')() : 'none'",
      );
      expect(o.result === 'none' || /Code generation from strings disallowed/.test(o.error?.message ?? ''), JSON.stringify(o)).toBe(true);
      expect(o.result).not.toBe('object');
    });
  }

  it('keeps util objects from the host realm out of reach', async () => {
    const o = await run("return [util.constructor === ({}).constructor, util.autoId.constructor === (() => 1).constructor]");
    expect(o.result).toEqual([true, true]);
  });

  it('freezes the shared util namespace', async () => {
    const o = await run("util.autoId = 1; return 1");
    expect(o.error?.message).toMatch(/TypeError: Cannot assign to read only property/);
  });
});
