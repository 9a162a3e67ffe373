// Every AWS-recorded APPSYNC_JS vector, run through evaluateCode (the CLI's entry point), compared as
// the conformance README says: JSON.parse(evaluationResult) deep-equals `expected`, or the evaluation
// fails with `expectedError.message`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../infra/local/runtime/evaluate.js';

interface Vector {
  id: string;
  function: 'request' | 'response';
  code: string;
  context: Record<string, unknown>;
  expected?: unknown;
  expectedError?: { message: string };
  category: string;
}

const file = fileURLToPath(new URL('../../fixtures/conformance/appsync-js-vectors.json', import.meta.url));
const { vectors } = JSON.parse(readFileSync(file, 'utf8')) as { vectors: Vector[] };

describe('APPSYNC_JS conformance vectors (recorded from AWS)', () => {
  it('has the full set', () => {
    expect(vectors.length).toBe(183);
  });

  for (const v of vectors) {
    it(`${v.category}: ${v.id}`, async () => {
      const out = await evaluateCode({ code: v.code, context: JSON.stringify(v.context), function: v.function, fileName: `${v.id}.js` });
      if (v.expectedError) {
        expect(out.evaluationResult).toBeUndefined();
        expect(out.error?.message).toBe(v.expectedError.message);
      } else {
        expect(out.error).toBeUndefined();
        expect(JSON.parse(out.evaluationResult!)).toEqual(v.expected);
      }
    });
  }
});
