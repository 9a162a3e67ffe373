// Field resolution: unit and pipeline resolvers, data source errors, earlyReturn both modes, errors.
import { describe, expect, it } from 'vitest';
import { buildContext } from '../../../infra/local/runtime/context.js';
import { loadResolverCode, type LoadedResolver } from '../../../infra/local/runtime/load.js';
import { resolveField, type Invoke, type InvokeResult } from '../../../infra/local/runtime/pipeline.js';

const load = (name: string, request: string, response = 'return ctx.result;') =>
  loadResolverCode(
    `import { util, runtime } from '@aws-appsync/utils';\nexport function request(ctx) {\n${request}\n}\nexport function response(ctx) {\n${response}\n}\n`,
    `${name}.js`,
  );

// a function that logs its steps and appends its name to the running list in prev.result
const fn = (name: string, extra = '') =>
  load(
    name,
    `console.log('${name}.request'); ctx.stash.trail = [...(ctx.stash.trail ?? []), '${name}']; ${extra} return { list: [...(ctx.prev.result?.list ?? []), '${name}'] };`,
    `console.log('${name}.response'); return ctx.result;`,
  );

const messages = (logs: string[]) => logs.map((l) => l.replace(/^INFO - [^ ]+ /, ''));

const noInvoke: Invoke = async () => {
  throw new Error('no data source call expected');
};

async function pipeline(functions: LoadedResolver[], before = "console.log('before'); return { list: [] };") {
  const code = await load('resolver', before, "console.log('after'); return ctx.prev.result;");
  return { kind: 'PIPELINE' as const, code, functions: functions.map((f) => ({ code: f })) };
}

describe('unit resolvers', () => {
  it('NONE data source: the request payload is the result', async () => {
    const code = await load('unit', 'return { echo: ctx.args.msg };', 'return ctx.result.echo;');
    const out = await resolveField({ resolver: { kind: 'UNIT', code }, ctx: buildContext({ arguments: { msg: 'hi' } }), invoke: noInvoke });
    expect(out).toMatchObject({ data: 'hi', errors: [] });
  });

  it('calls the data source with the request object and gives its result to the response handler', async () => {
    const code = await load('get', "return { operation: 'GetItem', key: { id: ctx.args.id } };", 'return { ...ctx.result, via: ctx.stash.via };');
    const calls: unknown[] = [];
    const invoke: Invoke = async (ds, req) => {
      calls.push([ds, JSON.parse(JSON.stringify(req))]);
      return { result: { id: 'p1', title: 'T' } };
    };
    const out = await resolveField({ resolver: { kind: 'UNIT', code, dataSource: 'table' }, ctx: buildContext({ arguments: { id: 'p1' }, stash: { via: 'x' } }), invoke });
    expect(calls).toEqual([['table', { operation: 'GetItem', key: { id: 'p1' } }]]);
    expect(out.data).toEqual({ id: 'p1', title: 'T', via: 'x' });
  });

  const failing: Invoke = async (): Promise<InvokeResult> => ({
    error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException', cancellationReasons: [{ type: 'ConditionalCheckFailed' }] },
  });

  it('a data source error reaches the response handler as ctx.error; unhandled it is not a field error', async () => {
    const code = await load('t', 'return {};', 'return { error: ctx.error, result: ctx.result };');
    const out = await resolveField({ resolver: { kind: 'UNIT', code, dataSource: 'table' }, ctx: buildContext(), invoke: failing });
    expect(out.errors).toEqual([]);
    expect(out.data).toEqual({
      error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException', cancellationReasons: [{ type: 'ConditionalCheckFailed' }] },
      // AWS: "the error detail will be returned in ctx.result.cancellationReasons"
      result: { keys: null, cancellationReasons: [{ type: 'ConditionalCheckFailed' }] },
    });
  });

  it('other data source errors leave ctx.result null', async () => {
    const code = await load('t2', 'return {};', 'return { result: ctx.result };');
    const throttled = async () => ({ error: { message: 'slow down', type: 'DynamoDB:ProvisionedThroughputExceededException' } });
    const out = await resolveField({ resolver: { kind: 'UNIT', code, dataSource: 'table' }, ctx: buildContext(), invoke: throttled });
    expect(out.data).toEqual({ result: null });
  });

  it('util.error in the response handler makes it a field error with AppSync shape and path', async () => {
    const code = await load('t', 'return {};', 'if (ctx.error) { util.error(ctx.error.message, ctx.error.type); }\nreturn ctx.result;');
    const out = await resolveField({ resolver: { kind: 'UNIT', code, dataSource: 'table' }, ctx: buildContext(), invoke: failing, path: ['redeem'] });
    expect(out.data).toBeNull();
    expect(out.errors).toEqual([
      { message: 'Transaction cancelled', errorType: 'DynamoDB:TransactionCanceledException', data: null, errorInfo: null, path: ['redeem'] },
    ]);
  });

  it('earlyReturn in the request handler skips the data source and the response handler', async () => {
    const code = await load('er', 'runtime.earlyReturn({ cached: true });', "util.error('response must not run');");
    const out = await resolveField({ resolver: { kind: 'UNIT', code, dataSource: 'table' }, ctx: buildContext(), invoke: noInvoke });
    expect(out).toMatchObject({ data: { cached: true }, errors: [] });
  });

  it('util.appendError keeps the value and adds an error', async () => {
    const code = await load('ae', "util.appendError('partial', 'Partial'); return { ok: 1 };");
    const out = await resolveField({ resolver: { kind: 'UNIT', code }, ctx: buildContext(), invoke: noInvoke });
    expect(out.data).toEqual({ ok: 1 });
    expect(out.errors).toEqual([{ message: 'partial', errorType: 'Partial', data: null, errorInfo: null }]);
  });
});

describe('pipeline resolvers', () => {
  it('runs before, each function (request, response) in order, then after; prev.result chains; stash is shared', async () => {
    const resolver = await pipeline([await fn('f1'), await fn('f2'), await fn('f3')]);
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke });
    expect(messages(out.logs)).toEqual(['before', 'f1.request', 'f1.response', 'f2.request', 'f2.response', 'f3.request', 'f3.response', 'after']);
    expect(out.data).toEqual({ list: ['f1', 'f2', 'f3'] });
    expect(out.stash).toEqual({ trail: ['f1', 'f2', 'f3'] });
  });

  it("the before handler's return value is the first function's ctx.prev.result", async () => {
    const resolver = await pipeline([await fn('f1')], 'return { list: ["seed"] };');
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke });
    expect(out.data).toEqual({ list: ['seed', 'f1'] });
  });

  it("earlyReturn (skipTo END, the default) in a function skips the rest and goes to the resolver's response", async () => {
    const resolver = await pipeline([await fn('f1'), await fn('f2', "runtime.earlyReturn({ list: ['stopped'] });"), await fn('f3')]);
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke });
    expect(messages(out.logs)).toEqual(['before', 'f1.request', 'f1.response', 'f2.request', 'after']);
    expect(out.data).toEqual({ list: ['stopped'] });
  });

  it("earlyReturn with skipTo NEXT skips only that function's data source and response", async () => {
    const resolver = await pipeline([await fn('f1'), await fn('f2', "runtime.earlyReturn({ list: ['skipped'] }, { skipTo: 'NEXT' });"), await fn('f3')]);
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke });
    expect(messages(out.logs)).toEqual(['before', 'f1.request', 'f1.response', 'f2.request', 'f3.request', 'f3.response', 'after']);
    expect(out.data).toEqual({ list: ['skipped', 'f3'] });
  });

  it('earlyReturn in the before handler skips every function and calls the after handler', async () => {
    const resolver = await pipeline([await fn('f1')], "runtime.earlyReturn({ list: ['early'] });");
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke });
    expect(messages(out.logs)).toEqual(['after']);
    expect(out.data).toEqual({ list: ['early'] });
  });

  it('util.error in a function stops the field: null data, one error, later functions do not run', async () => {
    const resolver = await pipeline([await fn('f1', "util.error('denied', 'Unauthorized', { id: 1 });"), await fn('f2')]);
    const out = await resolveField({ resolver, ctx: buildContext(), invoke: noInvoke, path: ['post'] });
    expect(messages(out.logs)).toEqual(['before', 'f1.request']);
    expect(out.data).toBeNull();
    expect(out.errors).toEqual([{ message: 'denied', errorType: 'Unauthorized', data: { id: 1 }, errorInfo: null, path: ['post'] }]);
  });

  it('each function calls its own data source', async () => {
    const f1 = await load('q', "return { operation: 'Query', n: 1 };");
    const f2 = await load('p', "return { operation: 'PutItem', after: ctx.prev.result };");
    const code = await load('resolver', 'return {};', 'return ctx.prev.result;');
    const invoke: Invoke = async (ds, req) => ({ result: { ds, req: JSON.parse(JSON.stringify(req)) } });
    const out = await resolveField({
      resolver: { kind: 'PIPELINE', code, functions: [{ code: f1, dataSource: 'a' }, { code: f2, dataSource: 'b' }] },
      ctx: buildContext(),
      invoke,
    });
    expect(out.data).toEqual({ ds: 'b', req: { operation: 'PutItem', after: { ds: 'a', req: { operation: 'Query', n: 1 } } } });
  });

  it('data source results and ctx parts never hand a host object to resolver code', async () => {
    const f1 = await load('probe', 'return {};', "return ctx.result.nested.constructor.constructor('return typeof process')();");
    const code = await load('resolver', "return ctx.args.input.constructor.constructor('return 1')();", 'return ctx.prev.result;');
    const invoke: Invoke = async () => ({ result: { nested: { a: 1 } } });
    const viaArgs = await resolveField({ resolver: { kind: 'PIPELINE', code, functions: [] }, ctx: buildContext({ arguments: { input: {} } }), invoke });
    expect(viaArgs.errors[0].message).toMatch(/EvalError: Code generation from strings disallowed/);
    const plain = await load('resolver2', 'return {};', 'return ctx.prev.result;');
    const viaResult = await resolveField({ resolver: { kind: 'PIPELINE', code: plain, functions: [{ code: f1, dataSource: 'ds' }] }, ctx: buildContext(), invoke });
    expect(viaResult.data).toBeNull();
    expect(viaResult.errors[0]).toMatchObject({ errorType: 'Code' });
    expect(viaResult.errors[0].message).toMatch(/EvalError/);
  });
});
