// evaluateCode gives AWS's EvaluateCode output shape; runHandler gives the structured outcome.
import { describe, expect, it } from 'vitest';
import { evaluateCode, EvaluateInputError, runHandler } from '../../../infra/local/runtime/evaluate.js';
import { loadResolverCode } from '../../../infra/local/runtime/load.js';

const mod = (request: string, response = 'return ctx.result;') =>
  `import { util, runtime } from '@aws-appsync/utils';\nexport function request(ctx) {\n${request}\n}\nexport function response(ctx) {\n${response}\n}\n`;

describe('evaluateCode', () => {
  it('returns evaluationResult, logs, stash and outErrors as AWS does (JSON strings)', async () => {
    const out = await evaluateCode({
      code: mod("ctx.stash.seen = ctx.args.id;\n  console.log('id', ctx.args.id, { a: 1 });\n  util.appendError('soft', 'Soft', { x: 1 });\n  return { id: ctx.args.id };"),
      context: JSON.stringify({ arguments: { id: 'p1' } }),
      function: 'request',
      fileName: 'resolvers/Query.getPost.js',
    });
    expect(Object.keys(out)).toEqual(['evaluationResult', 'logs', 'stash', 'outErrors']);
    expect(JSON.parse(out.evaluationResult!)).toEqual({ id: 'p1' });
    expect(out.logs).toEqual(['INFO - resolvers/Query.getPost.js:4:11: id p1 {"a":1}']);
    expect(JSON.parse(out.stash)).toEqual({ seen: 'p1' });
    expect(JSON.parse(out.outErrors)).toEqual([{ message: 'soft', errorType: 'Soft', data: { x: 1 }, errorInfo: null }]);
  });

  it('util.error gives error {message} and no evaluationResult', async () => {
    const out = await evaluateCode({ code: mod("util.error('nope', 'Forbidden');"), context: '{}' });
    expect(out.error).toEqual({ message: 'nope' });
    expect(out.evaluationResult).toBeUndefined();
  });

  it('runs the response handler with ctx.result', async () => {
    const out = await evaluateCode({ code: mod('return {};', 'return ctx.result.items;'), context: { result: { items: [1, 2] } }, function: 'response' });
    expect(JSON.parse(out.evaluationResult!)).toEqual([1, 2]);
  });

  it('earlyReturn gives its data as the result', async () => {
    const out = await evaluateCode({ code: mod("runtime.earlyReturn({ early: true });\n  return { late: true };"), context: '{}' });
    expect(JSON.parse(out.evaluationResult!)).toEqual({ early: true });
  });

  it('reports restricted code as codeErrors with positions', async () => {
    const out = await evaluateCode({ code: mod('let i = 0;\n  i++;\n  return i;'), context: '{}', fileName: 'r.js' });
    expect(out.error?.codeErrors).toEqual([
      { errorType: 'LINT_ERROR', value: 'no-disallowed-unary-operators: the operator ++ is not supported', location: { line: 4, column: 3, span: 0 } },
    ]);
    expect(out.error?.message).toBe('r.js:4:3 no-disallowed-unary-operators: the operator ++ is not supported');
  });

  it('reports a runtime error with its source position', async () => {
    const out = await evaluateCode({ code: mod('return ctx.args.missing.deep;'), context: '{}', fileName: 'r.js' });
    expect(out.error?.message).toMatch(/^r\.js:3:\d+: TypeError: Cannot read properties of undefined/);
  });

  it('infers util.authType from the identity shape', async () => {
    const identity = { sub: 's', issuer: 'i', username: 'u', claims: {}, sourceIp: ['1.1.1.1'], defaultAuthStrategy: 'ALLOW' };
    const out = await evaluateCode({ code: mod('return util.authType();'), context: { identity } });
    expect(JSON.parse(out.evaluationResult!)).toBe('User Pool Authorization');
  });

  it('rejects bad input', async () => {
    await expect(evaluateCode({ code: mod('return 1;'), context: '{nope' })).rejects.toBeInstanceOf(EvaluateInputError);
    await expect(evaluateCode({ code: mod('return 1;'), context: '[]' })).rejects.toThrow(/JSON object/);
    await expect(evaluateCode({ code: mod('return 1;'), context: '{}', function: 'other' as 'request' })).rejects.toThrow(/request.*response/);
    await expect(evaluateCode({ code: mod('return 1;'), context: '{}', runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } })).rejects.toThrow(
      /1\.0\.0/,
    );
  });
});

describe('runHandler', () => {
  it('returns the structured outcome with error shape, appended errors and extensions', async () => {
    const r = await loadResolverCode(
      mod("util.appendError('a1');\n  util.error('stop', 'Boom', { why: 1 }, { info: 2 });"),
      'rh.js',
    );
    const o = runHandler(r, 'request', { arguments: {}, args: {}, stash: {} }, { authType: 'IAM Authorization' });
    expect(o.result).toBeUndefined();
    expect(o.error).toEqual({ message: 'stop', errorType: 'Boom', data: { why: 1 }, errorInfo: { info: 2 } });
    expect(o.appendedErrors).toEqual([{ message: 'a1' }]);
    expect(o.extensions.invalidations).toEqual([]);
  });

  it('records earlyReturn with its skipTo', async () => {
    const r = await loadResolverCode(mod("runtime.earlyReturn(5, { skipTo: 'NEXT' });"), 'er.js');
    const o = runHandler(r, 'request', {});
    expect(o.result).toBe(5);
    expect(o.earlyReturn).toEqual({ data: 5, skipTo: 'NEXT' });
  });

  it('gives util.authType() the request auth type', async () => {
    const r = await loadResolverCode(mod('return util.authType();'), 'at.js');
    expect(runHandler(r, 'request', {}, { authType: 'Lambda Authorization' }).result).toBe('Lambda Authorization');
  });
});
