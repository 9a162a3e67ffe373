// Query.moderationQueue (admins): posts waiting for a decision, oldest first — one Query on the sparse
// `queue` index, which only flagged and much-reported posts carry, so every page is full.
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { requireAdmin } from './lib/identity';
import { queryIndex } from './lib/listing';
import { toPost } from './lib/post';

export function request(ctx: Context) {
  ctx.stash.adminId = requireAdmin(ctx);
  return queryIndex('queue', 'queuePK', 'QUEUE', ctx.args, false);
}

export function response(ctx: Context) {
  failOnError(ctx);
  const base: string = ctx.env.MEDIA_BASE_URL;
  const viewer = { sub: ctx.stash.adminId, admin: true };
  return { items: ctx.result.items.map((item: any) => toPost(item, base, viewer)), nextToken: ctx.result.nextToken || null };
}
