// Likes, comments and reports each write their own item and move a counter on the post in one transaction.
// The counter's update carries the condition that the post is still approved, so the transaction's second
// item fails when the post is gone, hidden or rejected meanwhile.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType } from './errors';
import { keys } from './keys';

export type PostCounter = 'likeCount' | 'commentCount' | 'reportCount';

/** TransactWriteItems item: ADD `counter` +1 or -1 on an approved post. */
export function approvedPostCounter(table: string, postId: string, counter: PostCounter, delta: 1 | -1) {
  const name = delta === 1 ? ':one' : ':minusOne';
  return {
    table,
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(keys.post(postId)),
    update: { expression: `ADD ${counter} ${name}`, expressionValues: util.dynamodb.toMapValues({ [name]: delta }) },
    condition: {
      expression: '#status = :approved',
      expressionNames: { '#status': 'status' },
      expressionValues: util.dynamodb.toMapValues({ ':approved': 'APPROVED' }),
    },
  };
}

/** The post's condition failed (it is the transaction's second item): the post is not there for the caller. */
export function failIfPostGone(ctx: Context, failed: boolean[] | null): void {
  if (failed && failed[1]) {
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
}
