// Query.comments step 1: may the caller see the post? Leaves ctx.stash.visible.
import { Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { isAdmin, optionalSub } from '../lib/identity';
import { keys } from '../lib/keys';
import { canSee, type PostItem } from '../lib/post';
import { getItem } from '../lib/table';

export function request(ctx: Context) {
  return {
    ...getItem(keys.post(ctx.stash.postId)),
    // canSee needs only these two
    projection: { expression: '#status, #author', expressionNames: { '#status': 'status', '#author': 'authorId' } },
  };
}

export function response(ctx: Context): boolean {
  failOnError(ctx);
  const item = ctx.result as PostItem | null;
  ctx.stash.visible = !!item && canSee(item, { sub: optionalSub(ctx), admin: isAdmin(ctx) });
  return ctx.stash.visible;
}
