// Put REPORT#<sub> only if absent + ADD reportCount 1, in one transaction. A repeat report is a Conflict.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError } from '../lib/errors';
import { keys } from '../lib/keys';
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
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.post(postId)),
        update: { expression: 'ADD reportCount :one', expressionValues: util.dynamodb.toMapValues({ ':one': 1 }) },
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
  if (failed && failed[0]) {
    util.error('you already reported this post', ErrorType.Conflict, { postId: ctx.stash.postId });
  }
  if (failed && failed[1]) {
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
  failOnError(ctx);
  return { reported: true };
}
