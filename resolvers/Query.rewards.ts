// Query.rewards: the catalogue, one Query on the REWARDS partition (open to anonymous visitors too).
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { prefixes } from './lib/keys';
import { queryByPrefix } from './lib/listing';
import { toReward } from './lib/coins';

export function request(ctx: Context) {
  return queryByPrefix('REWARDS', prefixes.reward, ctx.args, false);
}

export function response(ctx: Context) {
  failOnError(ctx);
  return { items: ctx.result.items.map(toReward), nextToken: ctx.result.nextToken || null };
}
