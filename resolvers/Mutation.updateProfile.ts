// The caller edits their handle and/or bio. One UpdateItem that also creates the profile if it is the
// first write (if_not_exists defaults), returning the new item.
// Note: handles are not reserved (two users may pick the same one), and posts keep the handle they were
// created with.
import { util, Context } from '@aws-appsync/utils';
import type { MutationUpdateProfileArgs, Profile } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { callerSub, callerUsername } from './lib/identity';
import { keys } from './lib/keys';
import { profileDefaults, toProfile, type ProfileItem } from './lib/profile';
import { handle, LIMITS, text } from './lib/validate';

export function request(ctx: Context<MutationUpdateProfileArgs>) {
  const sub = callerSub(ctx);
  const input = ctx.args.input || {};
  const newHandle = input.handle === undefined || input.handle === null ? undefined : handle(input.handle);
  const defaults = profileDefaults(sub, callerUsername(ctx), util.time.nowISO8601(), newHandle);
  const sets = defaults.sets;
  const names: Record<string, string> = defaults.names;
  const values: Record<string, unknown> = defaults.values;
  const removes: string[] = [];
  if (input.bio !== undefined && input.bio !== null) {
    const bio = text('bio', input.bio, 0, LIMITS.bio);
    names['#bio'] = 'bio';
    if (bio === '') {
      removes.push('#bio');
    } else {
      sets.push('#bio = :bio');
      values[':bio'] = bio;
    }
  }
  return {
    operation: 'UpdateItem',
    key: util.dynamodb.toMapValues(keys.profile(sub)),
    update: {
      expression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
      expressionNames: names,
      expressionValues: util.dynamodb.toMapValues(values),
    },
  };
}

export function response(ctx: Context<MutationUpdateProfileArgs>): Profile {
  failOnError(ctx);
  return toProfile(ctx.result as ProfileItem);
}
