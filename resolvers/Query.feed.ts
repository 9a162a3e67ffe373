// Approved posts, newest first: one Query on the sparse `feed` index (only approved posts carry its keys,
// so no filter is needed and pages are never empty).
import { Context } from '@aws-appsync/utils';
import type { PostConnection, QueryFeedArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { optionalSub, isAdmin } from './lib/identity';
import { toPost, type PostItem } from './lib/post';
import { queryPage } from './lib/table';
import { pageLimit } from './lib/validate';

export function request(ctx: Context<QueryFeedArgs>) {
  return queryPage({
    pk: ['feedPK', 'FEED'],
    index: 'feed',
    limit: pageLimit(ctx.args.limit),
    nextToken: ctx.args.nextToken,
    forward: false,
  });
}

export function response(ctx: Context<QueryFeedArgs>): PostConnection {
  failOnError(ctx);
  const viewer = { sub: optionalSub(ctx), admin: isAdmin(ctx) };
  const items = (ctx.result.items as PostItem[]).map((item) => toPost(item, ctx.env.MEDIA_BASE_URL, viewer));
  return { items, nextToken: ctx.result.nextToken || null };
}
