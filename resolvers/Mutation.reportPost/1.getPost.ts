// The post must be approved (what people can see) and not the caller's own.
import { Context } from '@aws-appsync/utils';
import { invalid } from '../lib/errors';
import type { PostItem } from '../lib/post';
import { request, response as approvedPost } from '../lib/steps/approvedPost';

export { request };

export function response(ctx: Context): PostItem {
  const post = approvedPost(ctx);
  if (post.authorId === ctx.stash.sub) invalid('postId', 'you cannot report your own post');
  return post;
}
