// Offline stand-in for the AWS CLI's AppSync commands. Today: evaluate-code, with the AWS CLI's options:
//   npm run -s appsync -- evaluate-code --code file://x.js --context file://ctx.json --function request
//     [--runtime name=APPSYNC_JS,runtimeVersion=1.0.0]
// Prints the EvaluateCode response as pretty JSON (as the AWS CLI does). Bad input: one line on stderr, exit 2.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluateCode, EvaluateInputError, type EvaluateCodeInput } from './runtime/evaluate.js';

class UsageError extends Error {}

const USAGE = 'usage: appsync evaluate-code --code <file://path|code> --context <file://path|json> [--function request|response] [--runtime name=APPSYNC_JS,runtimeVersion=1.0.0]';

/** AWS CLI convention: "file://path" reads the file, anything else is the value itself. */
function readArg(name: string, value: string): { text: string; file?: string } {
  if (!value.startsWith('file://')) return { text: value };
  const file = value.slice('file://'.length);
  try {
    return { text: readFileSync(file, 'utf8'), file };
  } catch (e) {
    throw new UsageError(`--${name}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** "name=APPSYNC_JS,runtimeVersion=1.0.0" (shorthand) or the JSON form. */
function parseRuntime(value: string): { name: string; runtimeVersion: string } {
  if (value.trim().startsWith('{')) {
    try {
      return JSON.parse(value) as { name: string; runtimeVersion: string };
    } catch {
      throw new UsageError('--runtime: invalid JSON');
    }
  }
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) throw new UsageError(`--runtime: expected name=APPSYNC_JS,runtimeVersion=1.0.0, got "${value}"`);
    out[k.trim()] = v.trim();
  }
  return { name: out.name ?? '', runtimeVersion: out.runtimeVersion ?? '' };
}

async function evaluateCodeCommand(args: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { code: { type: 'string' }, context: { type: 'string' }, function: { type: 'string' }, runtime: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.code === undefined) throw new UsageError('--code is required');
  if (values.context === undefined) throw new UsageError('--context is required');
  const fn = values.function ?? 'request';
  if (fn !== 'request' && fn !== 'response') throw new UsageError(`--function must be "request" or "response", got "${fn}"`);
  const code = readArg('code', values.code);
  const context = readArg('context', values.context);
  try {
    JSON.parse(context.text);
  } catch (e) {
    throw new UsageError(`--context: invalid JSON${context.file ? ` in ${context.file}` : ''}: ${(e as Error).message}`);
  }
  const input: EvaluateCodeInput = {
    context: context.text,
    function: fn,
    runtime: values.runtime === undefined ? undefined : parseRuntime(values.runtime),
    // a file is loaded from disk so TypeScript and relative imports resolve next to it
    ...(code.file ? { file: code.file } : { code: code.text }),
  };
  const out = await evaluateCode(input);
  process.stdout.write(JSON.stringify(out, null, 4) + '\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'evaluate-code') await evaluateCodeCommand(rest);
    else if (command === undefined || command === 'help' || command === '--help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    } else throw new UsageError(`unknown command "${command}" (known: evaluate-code)`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof EvaluateInputError) {
      process.stderr.write(`appsync: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
