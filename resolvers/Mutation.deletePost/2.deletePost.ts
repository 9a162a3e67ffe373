// Delete the post (condition: it is still the caller's) and count it off their profile, together.
import { util, Context } from '@aws-appsync/utils';
import type { Post } from '../../infra/generated/graphql';
import { ErrorType, failOnError } from '../lib/errors';
import { callerUsername } from '../lib/identity';
import { keys } from '../lib/keys';
import { toPost } from '../lib/post';
import { profileDefaults } from '../lib/profile';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId } = ctx.stash;
  const table = tableName(ctx);
  const profile = profileDefaults(sub, callerUsername(ctx), util.time.nowISO8601());
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'DeleteItem',
        key: util.dynamodb.toMapValues(keys.post(postId)),
        condition: {
          expression: '#authorId = :sub',
          expressionNames: { '#authorId': 'authorId' },
          expressionValues: util.dynamodb.toMapValues({ ':sub': sub }),
        },
      },
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.profile(sub)),
        update: {
          expression: `SET ${profile.sets.join(', ')} ADD postCount :minusOne`,
          expressionNames: profile.names,
          expressionValues: util.dynamodb.toMapValues({ ...profile.values, ':minusOne': -1 }),
        },
      },
    ],
  };
}

export function response(ctx: Context): Post {
  const failed = failedConditions(ctx);
  if (failed && failed[0]) {
    // deleted by a concurrent call in the meantime
    util.error(`post ${ctx.stash.postId} not found`, ErrorType.NotFound, { postId: ctx.stash.postId });
  }
  failOnError(ctx);
  return toPost(ctx.stash.post, ctx.env.MEDIA_BASE_URL, { sub: ctx.stash.sub, admin: false });
}
