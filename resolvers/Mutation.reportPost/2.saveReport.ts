// Put REPORT#<sub> only if absent + ADD reportCount 1, in one transaction. A repeat report is a Conflict.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
import { approvedPostCounter, failIfPostGone } from '../lib/post-counters';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId, reason, now } = ctx.stash;
  const table = tableName(ctx);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(keys.report(postId, sub)),
        attributeValues: util.dynamodb.toMapValues({ type: 'REPORT', postId, reporterId: sub, reason, createdAt: now }),
        condition: { expression: 'attribute_not_exists(PK)' },
      },
      approvedPostCounter(table, postId, 'reportCount', 1),
    ],
  };
}

export function response(ctx: Context) {
  const failed = failedConditions(ctx);
  if (failed && failed[0]) {
    util.error('you already reported this post', ErrorType.Conflict, { postId: ctx.stash.postId });
  }
  failIfPostGone(ctx, failed);
  failOnError(ctx);
  return { reported: true };
}
