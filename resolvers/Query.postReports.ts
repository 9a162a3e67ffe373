// Query.postReports (admins): the reports on one post, oldest first — one Query on the post's partition.
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { requireAdmin } from './lib/identity';
import { postPK, prefixes } from './lib/keys';
import { queryByPrefix } from './lib/listing';
import { idArg } from './lib/ids';
import { toReport } from './lib/moderation';

export function request(ctx: Context) {
  requireAdmin(ctx);
  const postId = idArg('postId', ctx.args.postId);
  return queryByPrefix(postPK(postId), prefixes.report, ctx.args, false);
}

export function response(ctx: Context) {
  failOnError(ctx);
  return { items: ctx.result.items.map(toReport), nextToken: ctx.result.nextToken || null };
}
