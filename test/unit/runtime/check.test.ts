// Each APPSYNC_JS language restriction is rejected with its rule name; allowed constructs pass.
// Cases follow @aws-appsync/eslint-plugin's own rule tests.
import { describe, expect, it } from 'vitest';
import { CodeCheckError, checkCode, findProblems } from '../../../infra/local/runtime/check.js';

const rulesOf = (code: string) => findProblems(code, 'resolver.js').map((p) => p.rule);

describe('checkCode: rejected constructs', () => {
  const cases: [string, string, string][] = [
    ['try/catch', 'export function request(ctx) { try { return 1 } catch (e) { return 2 } }', 'no-try'],
    ['try/finally', 'export function request(ctx) { try { return 1 } finally { ctx.stash.a = 1 } }', 'no-try'],
    ['throw', "export function request(ctx) { if (!ctx.args.id) { throw new Error('no id') } return 2 }", 'no-throw'],
    ['while', 'export function request(ctx) { while (ctx.a) { ctx.stash.a = 1 } return 1 }', 'no-while'],
    ['do-while', 'export function request(ctx) { do { ctx.stash.a = 1 } while (ctx.a); return 1 }', 'no-while'],
    ['for(;;)', 'export function request(ctx) { for (let i = 0; i < 3; i = i + 1) {} return 1 }', 'no-for'],
    ['continue', 'export function request(ctx) { for (const x of ctx.args.list) { if (x) continue; } return 1 }', 'no-continue'],
    ['labels', 'export function request(ctx) { outer: for (const x of ctx.args.list) { break outer; } return 1 }', 'no-labels'],
    ['++', 'export function request(ctx) { let i = 0; i++; return i }', 'no-disallowed-unary-operators'],
    ['--', 'export function request(ctx) { let i = 0; --i; return i }', 'no-disallowed-unary-operators'],
    ['~', 'export function request(ctx) { return ~ctx.args.n }', 'no-disallowed-unary-operators'],
    ['in', "export function request(ctx) { return 'id' in ctx.args }", 'no-in-operator'],
    ['instanceof', 'export function request(ctx) { return ctx.args instanceof Object }', 'no-disallowed-binary-operators'],
    ['class declaration', 'class A {}\nexport function request(ctx) { return 1 }', 'no-classes'],
    ['class expression', 'const A = class {};\nexport function request(ctx) { return A }', 'no-class-expressions'],
    ['async function', 'export async function request(ctx) { return 1 }', 'no-async'],
    ['async arrow', 'const f = async () => 1;\nexport function request(ctx) { return f }', 'no-async'],
    ['await', 'export async function request(ctx) { return await ctx.x }', 'no-await'],
    ['new Promise', 'export function request(ctx) { return new Promise(() => 1) }', 'no-promise'],
    ['generator', 'function* g() { yield 1 }\nexport function request(ctx) { return 1 }', 'no-generators'],
    ['generator expression', 'const g = function* () {};\nexport function request(ctx) { return g }', 'no-generator-expressions'],
    ['yield', 'function* g() { yield 1 }\nexport function request(ctx) { return 1 }', 'no-yield'],
    ['regex literal', 'export function request(ctx) { return /a+/.test(ctx.args.s) }', 'no-regex'],
    ['this', 'export function request(ctx) { return this }', 'no-this'],
    ['direct recursion', 'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) }\nexport function request(ctx) { return fact(3) }', 'no-recursion'],
    [
      'indirect recursion through a const arrow and a callback',
      'function a(n) { return [n].map((x) => b(x)) }\nconst b = (n) => a(n);\nexport function request(ctx) { return a(1) }',
      'no-recursion',
    ],
    ['eval', 'export function request(ctx) { return eval("1") }', 'no-dynamic-code'],
    ['new Function', 'export function request(ctx) { return new Function("return 1") }', 'no-dynamic-code'],
    ['ctx re-assignment', 'export function request(ctx) { ctx = {}; return ctx }', 'no-disallowed-re-assignment'],
    ['ctx property assignment', 'export function request(ctx) { ctx.result = 1; return 1 }', 'no-disallowed-re-assignment'],
  ];
  for (const [name, code, rule] of cases) {
    it(`rejects ${name} (${rule})`, () => {
      expect(rulesOf(code)).toContain(rule);
    });
  }

  it('throws CodeCheckError with file:line:column rule: message', () => {
    const code = 'export function request(ctx) {\n  let n = 1;\n  n++;\n  return n;\n}';
    let err: unknown;
    try {
      checkCode(code, 'resolvers/Query.feed.js');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CodeCheckError);
    expect((err as Error).message).toBe('resolvers/Query.feed.js:3:3 no-disallowed-unary-operators: the operator ++ is not supported');
    expect((err as CodeCheckError).problems[0]).toMatchObject({ line: 3, column: 3, rule: 'no-disallowed-unary-operators' });
  });

  it('reports a syntax error as rule "syntax"', () => {
    expect(rulesOf('export function request(ctx) { return {')).toEqual(['syntax']);
  });
});

describe('checkCode: allowed constructs', () => {
  const ok: [string, string][] = [
    ['for-of and for-in', 'export function request(ctx) { const out = []; for (const x of ctx.args.list) { out.push(x) } for (const k in ctx.args) { out.push(k) } return out }'],
    ['Object.hasOwn, switch, ternary, ?? and ?.', "export function request(ctx) { switch (ctx.args.k) { case 'a': return Object.hasOwn(ctx.args, 'a') ? 1 : 2; default: return ctx.args?.x ?? 3 } }"],
    ['stash and nested arg writes', 'export function request(ctx) { ctx.stash.user = 1; ctx.args.input.id = 2; return {} }'],
    ['non-recursive helper calls', 'function key(id) { return { id } }\nconst wrap = (id) => key(id);\nexport function request(ctx) { return wrap(ctx.args.id) }'],
    ['arrow callbacks, spread, template literals, destructuring', 'export function request(ctx) { const { a, ...rest } = ctx.args; return [a].map((x) => `${x}`).concat(Object.values(rest)) }'],
    ['bitwise operators', 'export function request(ctx) { return (ctx.args.n | 0) & 7 }'],
  ];
  for (const [name, code] of ok) {
    it(`accepts ${name}`, () => {
      expect(findProblems(code, 'resolver.js')).toEqual([]);
    });
  }
});
