// Delete LIKE#<sub> only if present + ADD likeCount -1, in one transaction. No like to delete cancels the
// transaction: a repeat, not an error. (The coin for the like stays: its idempotency mark survives.)
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId } = ctx.stash;
  const table = tableName(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'DeleteItem',
        key: util.dynamodb.toMapValues(keys.like(postId, sub)),
        condition: { expression: 'attribute_exists(PK)' },
      },
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.post(postId)),
        update: { expression: 'ADD likeCount :minusOne', expressionValues: util.dynamodb.toMapValues({ ':minusOne': -1 }) },
        condition: {
          expression: '#status = :approved',
          expressionNames: { '#status': 'status' },
          expressionValues: util.dynamodb.toMapValues({ ':approved': 'APPROVED' }),
        },
      },
    ],
  };
}

export function response(ctx: Context) {
  const failed = failedConditions(ctx);
  if (failed && failed[1]) {
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
  // failed[0] alone: the caller did not like the post (idempotent repeat)
  if (!(failed && failed[0])) failOnError(ctx);
  ctx.stash.liked = false;
  return { liked: false };
}
