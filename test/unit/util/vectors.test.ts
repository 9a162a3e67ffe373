// Runs every AWS-recorded conformance vector against the util library with a minimal in-test evaluator
// (imports stripped, module body run with new Function). The engine's conformance test runs the same
// vectors through the real loader/vm; this one pins the library on its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HandlerAbort, newState, withState } from '../../../infra/local/runtime/state.js';
import { appsyncUtilsModule, inferAuthType } from '../../../infra/local/runtime/util/index.js';
import { dynamodbModule } from '../../../infra/local/runtime/util/dynamodb-module.js';

interface Vector {
  id: string;
  function: 'request' | 'response';
  code: string;
  context: Record<string, unknown>;
  expected?: unknown;
  expectedError?: { message: string };
  category: string;
}

const vectors = (JSON.parse(readFileSync('/work/shared/conformance/appsync-js-vectors.json', 'utf8')) as { vectors: Vector[] }).vectors;
const { util, runtime, extensions } = appsyncUtilsModule() as Record<string, unknown>;
const ddb = dynamodbModule();

type Handler = (ctx: unknown) => unknown;

function load(code: string): Record<string, Handler> {
  const body = code
    .replace(/^import .*$/gm, '')
    .replace(/^export function /gm, 'function ');
  return new Function('util', 'runtime', 'extensions', 'ddb', `${body}\nreturn { request, response };`)(
    util, runtime, extensions, ddb,
  ) as Record<string, Handler>;
}

function evaluate(v: Vector): { result?: unknown; error?: string } {
  const args = (v.context.arguments as Record<string, unknown> | undefined) ?? {};
  const ctx = { ...v.context, arguments: args, args, stash: v.context.stash ?? {} };
  const handler = load(v.code)[v.function]!;
  const s = newState({ authType: inferAuthType(v.context.identity) });
  try {
    const out = withState(s, () => handler(ctx));
    return { result: out === undefined ? null : JSON.parse(JSON.stringify(out)) };
  } catch (e) {
    if (e instanceof HandlerAbort && e.reason === 'error') return { error: e.error!.message };
    throw e;
  }
}

describe('AWS-recorded APPSYNC_JS vectors (util library)', () => {
  it('has all 183 vectors', () => expect(vectors).toHaveLength(183));

  for (const v of vectors) {
    it(`${v.category}: ${v.id}`, () => {
      const got = evaluate(v);
      if (v.expectedError) {
        expect(got.error).toBe(v.expectedError.message);
      } else {
        expect(got.error).toBeUndefined();
        expect(got.result).toEqual(v.expected);
      }
    });
  }
});
