// The caller's own posts in every status: one Query on `byAuthor` for their partition.
// authorSK is `<status>#<postId>`, so the order is newest first WITHIN each status group (REJECTED,
// PENDING, FLAGGED, then APPROVED); a strict newest-first order across statuses would need another index.
import { Context } from '@aws-appsync/utils';
import type { PostConnection, QueryMyPostsArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { callerSub, isAdmin } from './lib/identity';
import { userPK } from './lib/keys';
import { toPost, type PostItem } from './lib/post';
import { queryPage } from './lib/table';
import { pageLimit } from './lib/validate';

export function request(ctx: Context<QueryMyPostsArgs>) {
  const sub = callerSub(ctx);
  return queryPage({
    pk: ['authorPK', userPK(sub)],
    index: 'byAuthor',
    limit: pageLimit(ctx.args.limit),
    nextToken: ctx.args.nextToken,
    forward: false,
  });
}

export function response(ctx: Context<QueryMyPostsArgs>): PostConnection {
  failOnError(ctx);
  const viewer = { sub: callerSub(ctx), admin: isAdmin(ctx) };
  const items = (ctx.result.items as PostItem[]).map((item) => toPost(item, ctx.env.MEDIA_BASE_URL, viewer));
  return { items, nextToken: ctx.result.nextToken || null };
}
