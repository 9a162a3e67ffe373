// Delete LIKE#<sub> only if present + ADD likeCount -1, in one transaction. No like to delete cancels the
// transaction: a repeat, not an error. (The coin for the like stays: its idempotency mark survives.)
import { util, Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { approvedPostCounter, failIfPostGone } from '../lib/post-counters';
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
      approvedPostCounter(table, postId, 'likeCount', -1),
    ],
  };
}

export function response(ctx: Context) {
  const failed = failedConditions(ctx);
  failIfPostGone(ctx, failed);
  // failed[0] alone: the caller did not like the post (idempotent repeat)
  if (!(failed && failed[0])) failOnError(ctx);
  ctx.stash.liked = false;
  return { liked: false };
}
