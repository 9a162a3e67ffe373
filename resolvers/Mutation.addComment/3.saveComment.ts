// Put the comment + ADD commentCount 1 while the post is still approved, in one transaction.
import { util, Context } from '@aws-appsync/utils';
import type { Comment } from '../../infra/generated/graphql';
import { ErrorType, failOnError } from '../lib/errors';
import { toComment, type CommentItem } from '../lib/comment';
import { keys } from '../lib/keys';
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
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.post(postId)),
        update: { expression: 'ADD commentCount :one', expressionValues: util.dynamodb.toMapValues({ ':one': 1 }) },
        condition: {
          expression: '#status = :approved',
          expressionNames: { '#status': 'status' },
          expressionValues: util.dynamodb.toMapValues({ ':approved': 'APPROVED' }),
        },
      },
    ],
  };
}

export function response(ctx: Context): Comment {
  const failed = failedConditions(ctx);
  if (failed && failed[1]) {
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
  failOnError(ctx);
  return toComment(ctx.stash.comment);
}
