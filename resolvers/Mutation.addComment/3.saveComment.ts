// Put the comment + ADD commentCount 1 while the post is still approved, in one transaction.
import { util, Context } from '@aws-appsync/utils';
import type { Comment } from '../../infra/generated/graphql';
import { failOnError } from '../lib/errors';
import { toComment, type CommentItem } from '../lib/comment';
import { keys } from '../lib/keys';
import { approvedPostCounter, failIfPostGone } from '../lib/post-counters';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId, commentId, text, handle, now } = ctx.stash;
  const table = tableName(ctx);
  const comment: CommentItem = { id: commentId, postId, authorId: sub, authorHandle: handle, text, createdAt: now };
  ctx.stash.comment = comment;
  // The post's author rides along (step 1 read the post) so the rewards function can notify them without
  // reading the post again.
  const postAuthorId = ctx.stash.post.authorId;
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(keys.comment(postId, commentId)),
        attributeValues: util.dynamodb.toMapValues({ type: 'COMMENT', ...comment, postAuthorId }),
        condition: { expression: 'attribute_not_exists(PK)' },
      },
      approvedPostCounter(table, postId, 'commentCount', 1),
    ],
  };
}

export function response(ctx: Context): Comment {
  const failed = failedConditions(ctx);
  failIfPostGone(ctx, failed);
  failOnError(ctx);
  return toComment(ctx.stash.comment);
}
