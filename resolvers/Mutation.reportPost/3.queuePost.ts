// Give the post the moderation queue keys when its STORED reportCount has reached the threshold. The
// condition (not a count read earlier) decides, so concurrent reports cannot both miss the threshold, and
// a post already queued or no longer approved is left alone: a failed condition here is not an error.
import { util, Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { indexKeys, keys, REPORTS_TO_QUEUE } from '../lib/keys';
import { conditionFailed } from '../lib/table';

export function request(ctx: Context) {
  const { postId, now } = ctx.stash;
  const queue = indexKeys.queue(now, postId);
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(keys.post(postId)),
    update: {
      expression: 'SET #qpk = :qpk, #qsk = :qsk',
      expressionNames: { '#qpk': 'queuePK', '#qsk': 'queueSK' },
      expressionValues: util.dynamodb.toMapValues({ ':qpk': queue.queuePK, ':qsk': queue.queueSK }),
    },
    condition: {
      expression: '#reports >= :threshold AND #status = :approved AND attribute_not_exists(#queued)',
      expressionNames: { '#reports': 'reportCount', '#status': 'status', '#queued': 'queuePK' },
      expressionValues: util.dynamodb.toMapValues({ ':threshold': REPORTS_TO_QUEUE, ':approved': 'APPROVED' }),
    },
  };
}

export function response(ctx: Context) {
  if (conditionFailed(ctx)) return { queued: false };
  failOnError(ctx);
  return { queued: true };
}
