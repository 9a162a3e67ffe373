// One author's approved posts, newest first: one Query on the `byAuthor` index, the status prefix of
// authorSK (`APPROVED#<postId>`) keeps other statuses out without a filter.
import { Context } from '@aws-appsync/utils';
import type { PostConnection, QueryUserPostsArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { idArg } from './lib/ids';
import { isAdmin, optionalSub } from './lib/identity';
import { userPK } from './lib/keys';
import { toPost, type PostItem } from './lib/post';
import { queryPage } from './lib/table';
import { pageLimit } from './lib/validate';

export function request(ctx: Context<QueryUserPostsArgs>) {
  const userId = idArg('userId', ctx.args.userId);
  return queryPage({
    pk: ['authorPK', userPK(userId)],
    sk: { name: 'authorSK', beginsWith: 'APPROVED#' },
    index: 'byAuthor',
    limit: pageLimit(ctx.args.limit),
    nextToken: ctx.args.nextToken,
    forward: false,
  });
}

export function response(ctx: Context<QueryUserPostsArgs>): PostConnection {
  failOnError(ctx);
  const viewer = { sub: optionalSub(ctx), admin: isAdmin(ctx) };
  const items = (ctx.result.items as PostItem[]).map((item) => toPost(item, ctx.env.MEDIA_BASE_URL, viewer));
  return { items, nextToken: ctx.result.nextToken || null };
}
