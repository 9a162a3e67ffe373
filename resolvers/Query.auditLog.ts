// Query.auditLog(day) (admins): the decisions of one UTC day, newest first — one Query on AUDIT#<day>.
import { Context } from '@aws-appsync/utils';
import { failOnError } from './lib/errors';
import { requireAdmin } from './lib/identity';
import { queryPartition } from './lib/listing';
import { day, toAuditEntry } from './lib/moderation';

export function request(ctx: Context) {
  requireAdmin(ctx);
  return queryPartition(`AUDIT#${day('day', ctx.args.day)}`, ctx.args, true);
}

export function response(ctx: Context) {
  failOnError(ctx);
  return { items: ctx.result.items.map(toAuditEntry), nextToken: ctx.result.nextToken || null };
}
