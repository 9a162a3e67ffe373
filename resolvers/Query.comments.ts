// A post's comments, oldest first (conversation order): one Query of COMMENT# items in its partition.
import { Context } from '@aws-appsync/utils';
import type { Comment, CommentConnection, QueryCommentsArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { idArg } from './lib/ids';
import { postPK, prefixes } from './lib/keys';
import { queryPage } from './lib/table';
import { pageLimit } from './lib/validate';
import { toComment, type CommentItem } from './lib/comment';

export function request(ctx: Context<QueryCommentsArgs>) {
  return queryPage({
    pk: ['PK', postPK(idArg('postId', ctx.args.postId))],
    sk: { name: 'SK', beginsWith: prefixes.comment },
    limit: pageLimit(ctx.args.limit),
    nextToken: ctx.args.nextToken,
    forward: true,
  });
}

export function response(ctx: Context<QueryCommentsArgs>): CommentConnection {
  failOnError(ctx);
  const items: Comment[] = (ctx.result.items as CommentItem[]).map(toComment);
  return { items, nextToken: ctx.result.nextToken || null };
}
