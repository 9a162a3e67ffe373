// Anyone's public profile, or null when that user has none stored yet.
import { Context } from '@aws-appsync/utils';
import type { Profile, QueryProfileArgs } from '../infra/generated/graphql';
import { failOnError } from './lib/errors';
import { idArg } from './lib/ids';
import { keys } from './lib/keys';
import { toProfile, type ProfileItem } from './lib/profile';
import { getItem } from './lib/table';

export function request(ctx: Context<QueryProfileArgs>) {
  return getItem(keys.profile(idArg('userId', ctx.args.userId)));
}

export function response(ctx: Context<QueryProfileArgs>): Profile | null {
  failOnError(ctx);
  return ctx.result ? toProfile(ctx.result as ProfileItem) : null;
}
