// The like and the count move together: put LIKE#<sub> only if absent + ADD likeCount 1 while the post is
// still approved. A like that already exists cancels the transaction: that is a repeat, not an error.
// The LIKE item carries the liker's handle (step 2) so the rewards function can say who liked the post
// without reading the liker's profile; a user without a profile yet gets their Cognito username, which
// the function could not know.
import { util, Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { approvedPostCounter, failIfPostGone } from '../lib/post-counters';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId, handle } = ctx.stash;
  const table = tableName(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(keys.like(postId, sub)),
        attributeValues: util.dynamodb.toMapValues({
          type: 'LIKE',
          postId,
          userId: sub,
          userHandle: handle,
          createdAt: util.time.nowISO8601(),
        }),
        condition: { expression: 'attribute_not_exists(PK)' },
      },
      approvedPostCounter(table, postId, 'likeCount', 1),
    ],
  };
}

export function response(ctx: Context) {
  const failed = failedConditions(ctx);
  failIfPostGone(ctx, failed);
  // failed[0] alone: the caller already likes the post (idempotent repeat)
  if (!(failed && failed[0])) failOnError(ctx);
  ctx.stash.liked = true;
  return { liked: true };
}
