// The caller's profile; before they have one stored, a default with their Cognito username as handle.
import { util, Context } from '@aws-appsync/utils';
import type { Profile } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { callerSub, callerUsername } from './lib/identity';
import { keys } from './lib/keys';
import { defaultProfile, toProfile, type ProfileItem } from './lib/profile';
import { getItem } from './lib/table';

export function request(ctx: Context) {
  return getItem(keys.profile(callerSub(ctx)));
}

export function response(ctx: Context): Profile {
  failOnError(ctx);
  if (ctx.result) return toProfile(ctx.result as ProfileItem);
  return defaultProfile(callerSub(ctx), callerUsername(ctx), util.time.nowISO8601());
}
