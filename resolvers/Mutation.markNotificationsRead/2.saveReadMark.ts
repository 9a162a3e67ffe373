// Set profile.notifsReadUpTo = upTo unless the cursor is already there or beyond (the condition keeps it
// from moving backwards, also against a concurrent call). Creates the profile if this is its first write.
import { util, Context } from '@aws-appsync/utils';
import { failOnError } from '../lib/errors';
import { callerUsername } from '../lib/identity';
import { keys } from '../lib/keys';
import { profileDefaults } from '../lib/profile';
import { conditionFailed } from '../lib/table';

export function request(ctx: Context) {
  const { sub, upTo } = ctx.stash;
  const profile = profileDefaults(sub, callerUsername(ctx), util.time.nowISO8601());
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(keys.profile(sub)),
    update: {
      expression: `SET ${profile.sets.join(', ')}, #readUpTo = :upTo`,
      expressionNames: { ...profile.names, '#readUpTo': 'notifsReadUpTo' },
      expressionValues: util.dynamodb.toMapValues({ ...profile.values, ':upTo': upTo }),
    },
    condition: {
      expression: 'attribute_not_exists(#cursor) OR #cursor < :cupTo',
      expressionNames: { '#cursor': 'notifsReadUpTo' },
      expressionValues: util.dynamodb.toMapValues({ ':cupTo': upTo }),
    },
  };
}

export function response(ctx: Context) {
  // a failed condition: the cursor was already at or past upTo; keep the one step 1 read
  if (conditionFailed(ctx)) return { moved: false };
  failOnError(ctx);
  ctx.stash.readUpTo = ctx.stash.upTo;
  return { moved: true };
}
