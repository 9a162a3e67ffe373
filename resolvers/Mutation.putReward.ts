// Mutation.putReward (admins): add a reward to the catalogue (no id: a new ULID) or replace an existing one
// (id given: it must exist, so a typo never creates a stray reward).
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType, invalid } from './lib/errors';
import { requireAdmin } from './lib/identity';
import { keys } from './lib/keys';
import { text } from './lib/validate';
import { idArg } from './lib/ids';
import { toReward } from './lib/coins';

const REWARD_LIMITS = { nameMax: 80, descriptionMax: 500, costMax: 1000000, stockMax: 1000000 };

function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  const n = value as number;
  if (typeof value !== 'number' || Math.floor(n) !== n) invalid(field, 'must be a whole number');
  if (n < min || n > max) invalid(field, `must be between ${min} and ${max}`);
  return n;
}

export function request(ctx: Context) {
  requireAdmin(ctx);
  const input = ctx.args.input || {};
  const isNew = input.id === undefined || input.id === null;
  const id = isNew ? util.autoUlid() : idArg('id', input.id);
  const item: Record<string, unknown> = {
    type: 'REWARD',
    id,
    name: text('name', input.name, 1, REWARD_LIMITS.nameMax),
    description: text('description', input.description, 0, REWARD_LIMITS.descriptionMax),
    cost: wholeNumber('cost', input.cost, 1, REWARD_LIMITS.costMax),
    stock: wholeNumber('stock', input.stock, 0, REWARD_LIMITS.stockMax),
  };
  ctx.stash.isNew = isNew;
  return ddb.put<Record<string, unknown>>({
    key: keys.reward(id),
    item,
    condition: { PK: { attributeExists: !isNew } },
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    if (ctx.error.type === 'DynamoDB:ConditionalCheckFailedException') {
      if (ctx.stash.isNew) util.error('a reward with this id already exists; try again', ErrorType.Conflict);
      util.error(`id: no reward ${ctx.args.input.id}`, ErrorType.NotFound, { field: 'id' });
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  return toReward(ctx.result);
}
