// The offline `evaluate-code` CLI, spawned as users run it.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixtures = path.join(root, 'test/unit/runtime/fixtures');

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(root, 'infra/local/cli.ts'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const dir = mkdtempSync(path.join(tmpdir(), 'appsync-cli-'));
const ctxFile = path.join(dir, 'ctx.json');
writeFileSync(ctxFile, JSON.stringify({ arguments: { id: '42' } }));
const jsFile = path.join(dir, 'r.js');
writeFileSync(jsFile, "import { util } from '@aws-appsync/utils';\nexport function request(ctx) { console.log('hi'); return { id: ctx.args.id } }\nexport function response(ctx) { return ctx.result }\n");

describe('appsync evaluate-code CLI', () => {
  it('evaluates a JS file and prints the EvaluateCode output as pretty JSON', async () => {
    const r = await cli('evaluate-code', '--code', `file://${jsFile}`, '--context', `file://${ctxFile}`, '--function', 'request', '--runtime', 'name=APPSYNC_JS,runtimeVersion=1.0.0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {4}"evaluationResult"/);
    const out = JSON.parse(r.stdout);
    expect(JSON.parse(out.evaluationResult)).toEqual({ id: '42' });
    expect(out.logs).toHaveLength(1);
    expect(out.logs[0]).toMatch(/^INFO - .*r\.js:2:\d+: hi$/);
    expect(out).toMatchObject({ stash: '{}', outErrors: '[]' });
  });

  it('bundles a TypeScript file with its imports', async () => {
    const r = await cli('evaluate-code', '--code', `file://${fixtures}/getPost.ts`, '--context', '{"arguments":{"id":"9"}}');
    expect(r.code).toBe(0);
    expect(JSON.parse(JSON.parse(r.stdout).evaluationResult).key).toEqual({ PK: { S: 'POST#9' }, SK: { S: 'POST' } });
  });

  it('accepts inline code and reports restricted code as an evaluation error', async () => {
    const r = await cli('evaluate-code', '--code', 'export function request(ctx) { for (;;) {} }', '--context', '{}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).error.codeErrors[0]).toMatchObject({ errorType: 'LINT_ERROR', value: 'no-for: for statements are not supported' });
  });

  const bad: [string, string[], RegExp][] = [
    ['a missing file', ['evaluate-code', '--code', 'file:///nonexistent/x.js', '--context', '{}'], /cannot read \/nonexistent\/x\.js: ENOENT/],
    ['bad context JSON', ['evaluate-code', '--code', `file://${jsFile}`, '--context', '{oops'], /--context: invalid JSON/],
    ['an unknown function name', ['evaluate-code', '--code', `file://${jsFile}`, '--context', '{}', '--function', 'handler'], /--function must be "request" or "response"/],
    ['an unknown command', ['evaluate-template'], /unknown command "evaluate-template"/],
    ['a wrong runtime', ['evaluate-code', '--code', `file://${jsFile}`, '--context', '{}', '--runtime', 'name=APPSYNC_JS,runtimeVersion=9.9.9'], /runtime version must be 1\.0\.0/],
    ['a missing --context', ['evaluate-code', '--code', `file://${jsFile}`], /--context is required/],
  ];
  for (const [name, args, message] of bad) {
    it(`exits 2 with one clear line on ${name}`, async () => {
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
