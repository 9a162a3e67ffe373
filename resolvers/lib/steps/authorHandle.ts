// Pipeline step: the caller's handle for what they write (posts, comments), from their profile, or their
// Cognito username before they have one. Leaves it in ctx.stash.handle.
import { Context } from '@aws-appsync/utils';
import { failOnError } from '../errors';
import { callerSub, callerUsername } from '../identity';
import { keys } from '../keys';
import { getItem } from '../table';

export function request(ctx: Context) {
  return {
    ...getItem(keys.profile(callerSub(ctx))),
    projection: { expression: '#handle', expressionNames: { '#handle': 'handle' } },
  };
}

export function response(ctx: Context): string {
  failOnError(ctx);
  const stored = ctx.result ? (ctx.result.handle as string | undefined) : undefined;
  ctx.stash.handle = stored || callerUsername(ctx);
  return ctx.stash.handle;
}
