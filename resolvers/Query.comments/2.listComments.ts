// Query.comments step 2: one Query of the post's COMMENT# items (no filter, so no empty pages); skipped with
// an empty page when step 1 found the post hidden from the caller.
import { runtime, Context } from '@aws-appsync/utils';
import type { Comment, CommentConnection } from '../../infra/generated/graphql';
import { toComment, type CommentItem } from '../lib/comment';
import { failOnError } from '../lib/errors';
import { postPK, prefixes } from '../lib/keys';
import { queryPage } from '../lib/table';

export function request(ctx: Context) {
  if (!ctx.stash.visible) runtime.earlyReturn({ items: [], nextToken: null });
  return queryPage({
    pk: ['PK', postPK(ctx.stash.postId)],
    sk: { name: 'SK', beginsWith: prefixes.comment },
    limit: ctx.stash.limit,
    nextToken: ctx.args.nextToken,
    forward: true,
  });
}

export function response(ctx: Context): CommentConnection {
  failOnError(ctx);
  const items: Comment[] = (ctx.result.items as CommentItem[]).map(toComment);
  return { items, nextToken: ctx.result.nextToken || null };
}
