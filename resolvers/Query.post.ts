// One post by id. Approved posts are public; pending, flagged and rejected ones only reach their author
// and admins (anyone else gets null, as if the post did not exist).
import { Context } from '@aws-appsync/utils';
import type { Post, QueryPostArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { idArg } from './lib/ids';
import { isAdmin, optionalSub } from './lib/identity';
import { keys } from './lib/keys';
import { canSee, toPost, type PostItem } from './lib/post';
import { getItem } from './lib/table';

export function request(ctx: Context<QueryPostArgs>) {
  return getItem(keys.post(idArg('id', ctx.args.id)));
}

export function response(ctx: Context<QueryPostArgs>): Post | null {
  failOnError(ctx);
  const item = ctx.result as PostItem | null;
  const viewer = { sub: optionalSub(ctx), admin: isAdmin(ctx) };
  if (!item || !canSee(item, viewer)) return null;
  return toPost(item, ctx.env.MEDIA_BASE_URL, viewer);
}
