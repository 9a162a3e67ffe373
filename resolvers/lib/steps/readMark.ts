// Pipeline step: the caller's notification read cursor (profile.notifsReadUpTo) into ctx.stash.readUpTo
// (null when they never marked anything read). See ../notification.ts.
import { Context } from '@aws-appsync/utils';
import { failOnError } from '../errors';
import { keys } from '../keys';
import { getItem } from '../table';

export function request(ctx: Context) {
  return {
    ...getItem(keys.profile(ctx.stash.sub), true),
    projection: { expression: '#r', expressionNames: { '#r': 'notifsReadUpTo' } },
  };
}

export function response(ctx: Context): string | null {
  failOnError(ctx);
  ctx.stash.readUpTo = (ctx.result && ctx.result.notifsReadUpTo) || null;
  return ctx.stash.readUpTo;
}
