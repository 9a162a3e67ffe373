import { describe, expect, it } from 'vitest';
import { HandlerAbort, newState, withState, type EvalState } from '../../../infra/local/runtime/state.js';
import { appsyncUtilsModule, inferAuthType, responseHeadersOf } from '../../../infra/local/runtime/util/index.js';

type Fn = (...a: unknown[]) => unknown;
type NS = Record<string, Fn & Record<string, Fn>>;
const mod = appsyncUtilsModule() as { util: NS; runtime: NS; extensions: NS };
const { util, runtime, extensions } = mod;

function run<T>(fn: () => T, s: EvalState = newState()): { s: EvalState; value?: T; abort?: HandlerAbort } {
  try {
    return { s, value: withState(s, fn) };
  } catch (e) {
    if (e instanceof HandlerAbort) return { s, abort: e };
    throw e;
  }
}

describe('errors', () => {
  it('util.error stops the handler with the AppSync error shape', () => {
    const { abort } = run(() => util.error!('Post not found', 'NotFound', { id: 1 }, { hint: 'x' }));
    expect(abort?.reason).toBe('error');
    expect(abort?.error).toEqual({ message: 'Post not found', errorType: 'NotFound', data: { id: 1 }, errorInfo: { hint: 'x' } });
  });

  it('util.appendError keeps going and records the error', () => {
    const { s, value } = run(() => {
      util.appendError!('partial', 'Warn');
      return 'still here';
    });
    expect(value).toBe('still here');
    expect(s.appendedErrors).toEqual([{ message: 'partial', errorType: 'Warn' }]);
  });

  it('util.unauthorized', () => {
    expect(run(() => util.unauthorized!()).abort?.error).toEqual({ message: 'Unauthorized', errorType: 'Unauthorized' });
  });

  it('util functions that need state refuse to run outside an evaluation', () => {
    expect(() => util.appendError!('x')).toThrow('outside of a resolver evaluation');
  });
});

describe('ids', () => {
  it('autoId is a UUID v4, autoUlid a time-sortable ULID, autoKsuid a KSUID', () => {
    expect(util.autoId!()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const a = util.autoUlid!() as string;
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(util.autoKsuid!()).toMatch(/^[0-9A-Za-z]{27}$/);
    expect(new Set(Array.from({ length: 100 }, () => util.autoId!())).size).toBe(100);
  });
});

describe('encoding', () => {
  it('escapeJavaScript', () => {
    expect(util.escapeJavaScript!(`He said "hi" & it's</script>\n\u00e9`)).toBe(`He said \\"hi\\" & it\\'s<\\/script>\\n\\u00E9`);
  });
  it('url encode/decode like java.net.URLEncoder', () => {
    expect(util.urlEncode!("a b&c=d/é*~'")).toBe('a+b%26c%3Dd%2F%C3%A9*%7E%27');
    expect(util.urlDecode!('a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
    expect(() => util.urlDecode!('%E0%A4%A')).toThrow('util.urlDecode');
  });
  it('base64 of UTF-8', () => {
    expect(util.base64Encode!('héllo')).toBe('aMOpbGxv');
    expect(util.base64Decode!('aMOpbGxv')).toBe('héllo');
    expect(() => util.base64Decode!('not base64!')).toThrow('not valid base64');
    expect(() => util.base64Encode!(12)).toThrow('argument "value" must be a string, got number');
  });
  it('matches is a whole-string match', () => {
    expect(util.matches!('[a-z]+', 'abc')).toBe(true);
    expect(util.matches!('[a-z]+', 'abc1')).toBe(false);
  });
});

describe('util.str and util.math', () => {
  it('str', () => {
    expect(util.str.normalize!('e\u0301', 'nfc')).toBe('é');
    expect(util.str.normalize!('ﬁ', 'nfkd')).toBe('fi');
    expect(() => util.str.normalize!('x', 'nfx')).toThrow('normalizationType must be one of');
    expect(util.str.toUpper!('abc')).toBe('ABC');
    expect(util.str.toLower!('ABC')).toBe('abc');
    expect(util.str.toReplace!('a.b.c', '.', '-')).toBe('a-b-c');
  });
  it('math', () => {
    expect(util.math.roundNum!(2.5)).toBe(3);
    expect(util.math.roundNum!(-2.5)).toBe(-2);
    expect(util.math.minVal!(3, 1.5)).toBe(1.5);
    expect(util.math.maxVal!(3, 1.5)).toBe(3);
    const d = util.math.randomDouble!() as number;
    expect(d >= 0 && d < 1).toBe(true);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(util.math.randomWithinRange!(1, 3) as number);
    expect([...seen].sort()).toEqual([1, 2, 3]);
    expect(() => util.math.minVal!('1', 2)).toThrow('util.math.minVal: argument "input1" must be a number');
  });
});

describe('util.http', () => {
  it('copyHeaders drops hop-by-hop headers', () => {
    expect(util.http.copyHeaders!({ Host: 'x', 'content-length': '3', 'x-trace': 'a', Authorization: 'b' })).toEqual({ 'x-trace': 'a', Authorization: 'b' });
  });
  it('addResponseHeader(s) records per evaluation, last definition wins, restricted names refused', () => {
    const { s } = run(() => {
      util.http.addResponseHeader!('itemsCount', 7);
      util.http.addResponseHeaders!({ ItemsCount: 8, obj: { a: 1 } });
    });
    expect(responseHeadersOf(s)).toEqual({ ItemsCount: '8', obj: '{"a":1}' });
    expect(responseHeadersOf(newState())).toEqual({});
    expect(() => run(() => util.http.addResponseHeader!('x-amzn-RequestId', '1'))).toThrow('restricted prefix');
    expect(() => run(() => util.http.addResponseHeader!('content-type', 'x'))).toThrow('is restricted');
    expect(() => run(() => util.http.addResponseHeader!('big', 'x'.repeat(5000)))).toThrow('exceed 4096 bytes');
  });
});

describe('util.xml', () => {
  const one = '<?xml version="1.0" encoding="UTF-8"?><posts><post><id>1</id><title>Getting started with GraphQL</title></post></posts>';
  const two = '<posts><post><id>1</id><title>A</title></post><post><id>2</id><title>B</title></post></posts>';
  it('converts like the AWS doc examples', () => {
    expect(util.xml.toMap!(one)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
    expect(util.xml.toMap!(two)).toEqual({ posts: { post: [{ id: 1, title: 'A' }, { id: 2, title: 'B' }] } });
    expect(util.xml.toMap!('<a href="x">t</a>')).toEqual({ a: { href: 'x', content: 't' } });
  });
  it('toJsonString, optionally string-encoded', () => {
    expect(util.xml.toJsonString!('<a><b>x</b></a>')).toBe('{"a":{"b":"x"}}');
    expect(util.xml.toJsonString!('<a><b>x</b></a>', true)).toBe('"{\\"a\\":{\\"b\\":\\"x\\"}}"');
  });
  it('reports malformed XML with its position', () => {
    expect(() => util.xml.toMap!('<a><b></a>')).toThrow(/invalid XML at line 1/);
  });
});

describe('runtime.earlyReturn', () => {
  it('records data and skipTo, then aborts', () => {
    const r = run(() => runtime.earlyReturn!({ id: 1 }, { skipTo: 'NEXT' }));
    expect(r.abort?.reason).toBe('earlyReturn');
    expect(r.s.earlyReturn).toEqual({ data: { id: 1 }, skipTo: 'NEXT' });
    expect(run(() => runtime.earlyReturn!()).s.earlyReturn).toEqual({ data: undefined, skipTo: 'END' });
    expect(() => run(() => runtime.earlyReturn!(1, { skipTo: 'LATER' }))).toThrow("skipTo must be 'END' or 'NEXT'");
  });
});

describe('extensions', () => {
  const filter = { filterGroup: [{ filters: [{ fieldName: 'userSub', operator: 'eq', value: 'u1' }] }] };
  it('records filters, invalidations and cache evictions', () => {
    const { s } = run(() => {
      extensions.setSubscriptionFilter!(util.transform.toSubscriptionFilter!({ userSub: { eq: 'u1' } }));
      extensions.setSubscriptionInvalidationFilter!(filter);
      extensions.invalidateSubscriptions!({ subscriptionField: 'onNotification', payload: { userSub: 'u1' } });
      extensions.evictFromApiCache!('Query', 'post', { 'context.arguments.id': 'p1' });
    });
    expect(s.extensions.subscriptionFilter).toEqual(filter);
    expect(s.extensions.subscriptionInvalidationFilter).toEqual(filter);
    expect(s.extensions.invalidations).toEqual([{ subscriptionField: 'onNotification', payload: { userSub: 'u1' } }]);
    expect(s.extensions.cacheEvictions).toEqual([{ typeName: 'Query', fieldName: 'post', keys: { 'context.arguments.id': 'p1' } }]);
  });
  it('validates filters as AWS documents, naming the entry at fault', () => {
    const bad = (f: unknown) => () => run(() => extensions.setSubscriptionFilter!(f));
    expect(bad({ a: { eq: 1 } })).toThrow('expected {filterGroup: [...]}');
    expect(bad({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'bogus', value: 1 }] }] })).toThrow('filterGroup[0].filters[0].operator "bogus"');
    expect(bad({ filterGroup: [{ filters: Array.from({ length: 6 }, () => ({ fieldName: 'a', operator: 'eq', value: 1 })) }] })).toThrow('at most 5');
    expect(bad({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [1, 2, 3, 4, 5, 6] }] }] })).toThrow('"in" needs an array of at most 5');
    expect(bad({ filterGroup: [{ filters: [{ fieldName: 'a', operator: 'between', value: [1] }] }] })).toThrow('"between" needs a [low, high] pair');
    expect(() => run(() => extensions.invalidateSubscriptions!({ payload: {} }))).toThrow('subscriptionField');
    expect(() => run(() => extensions.evictFromApiCache!('Query', '', {}))).toThrow('"fieldName"');
  });
});

describe('authType', () => {
  it('util.authType returns the evaluation auth type', () => {
    expect(run(() => util.authType!(), newState({ authType: 'User Pool Authorization' })).value).toBe('User Pool Authorization');
    expect(run(() => util.authType!()).value).toBe('API Key Authorization');
  });
  it('inferAuthType reads the identity shape', () => {
    expect(inferAuthType(undefined)).toBe('API Key Authorization');
    expect(inferAuthType({ resolverContext: {} })).toBe('Lambda Authorization');
    expect(inferAuthType({ sub: 's', issuer: 'i', claims: {} })).toBe('Open ID Connect Authorization');
  });
});

describe('the module namespace', () => {
  it('is frozen so resolver code cannot patch it for later evaluations', () => {
    expect(Object.isFrozen(util)).toBe(true);
    expect(Object.isFrozen(util.time)).toBe(true);
    expect(() => {
      'use strict';
      (util as Record<string, unknown>).autoId = () => 'x';
    }).toThrow();
  });
});

describe('cross-realm inputs', () => {
  it('accepts objects and arrays created inside a vm context (how resolver code runs)', async () => {
    const vm = await import('node:vm');
    const { dynamodbModule } = await import('../../../infra/local/runtime/util/dynamodb-module.js');
    const sandbox = vm.createContext({ util, ddb: dynamodbModule() });
    const out = withState(newState(), () =>
      vm.runInContext(
        `({ f: util.transform.toSubscriptionFilter({ a: { in: [1, 2] } }),
            e: JSON.parse(util.transform.toDynamoDBFilterExpression({ and: [{ a: { eq: 1 } }] })),
            p: ddb.put({ key: { id: 'x' }, item: { tags: ['t'] } }) })`,
        sandbox,
      ),
    );
    expect(JSON.parse(JSON.stringify(out))).toEqual({
      f: { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'in', value: [1, 2] }] }] },
      e: { expression: '(#a = :and_0_a_eq)', expressionNames: { '#a': 'a' }, expressionValues: { ':and_0_a_eq': { N: 1 } } },
      p: { operation: 'PutItem', key: { id: { S: 'x' } }, attributeValues: { tags: { L: [{ S: 't' }] } } },
    });
  });
});
