// Which of these posts the caller has liked: one BatchGetItem of their LIKE#<sub> items (no N+1).
import { util, runtime, Context } from '@aws-appsync/utils';
import type { QueryLikedPostsArgs } from '../infra/generated/graphql';
import { failOnError, invalid } from './lib/errors';
import { callerSub } from './lib/identity';
import { idArg } from './lib/ids';
import { keys } from './lib/keys';
import { tableName } from './lib/table';
import { LIMITS } from './lib/validate';

export function request(ctx: Context<QueryLikedPostsArgs>) {
  const sub = callerSub(ctx);
  const ids: string[] = [];
  for (const id of ctx.args.postIds || []) {
    idArg('postIds', id);
    // BatchGetItem refuses duplicate keys
    if (ids.indexOf(id) < 0) ids.push(id);
  }
  if (ids.length > LIMITS.batchIds) invalid('postIds', `must hold at most ${LIMITS.batchIds} ids`);
  if (ids.length === 0) runtime.earlyReturn([]);
  return {
    operation: 'BatchGetItem',
    tables: {
      [tableName(ctx)]: {
        keys: ids.map((id) => util.dynamodb.toMapValues(keys.like(id, sub))),
        consistentRead: false,
        // the key attributes stay in the projection: AppSync matches the answers to the requested keys
        projection: { expression: '#pk, #sk, #postId', expressionNames: { '#pk': 'PK', '#sk': 'SK', '#postId': 'postId' } },
      },
    },
  };
}

export function response(ctx: Context<QueryLikedPostsArgs>): string[] {
  failOnError(ctx);
  const found = (ctx.result.data[tableName(ctx)] || []) as Array<{ postId: string } | null>;
  const liked: string[] = [];
  for (const item of found) {
    if (item && item.postId) liked.push(item.postId);
  }
  // in the order the caller asked
  return (ctx.args.postIds || []).filter((id, i, all) => liked.indexOf(id) >= 0 && all.indexOf(id) === i);
}
