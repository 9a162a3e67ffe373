// Raw DynamoDB request pieces shared by the content resolvers. Requests are written out (rather than
// built with @aws-appsync/utils/dynamodb) where they need expressions the helpers cannot express
// (BETWEEN bounds, if_not_exists upserts, transactions), so every condition is visible in one place.
import { util } from '@aws-appsync/utils';
import { ErrorType } from './errors';

interface EnvCtx {
  env?: Record<string, string | undefined> | null;
}

/** The table's real name: TransactWriteItems and BatchGetItem must name it (AppSync env TABLE_NAME). */
export function tableName(ctx: EnvCtx): string {
  const name = ctx.env ? ctx.env.TABLE_NAME : undefined;
  if (!name) util.error('the API is missing its TABLE_NAME environment variable', ErrorType.Internal);
  return name as string;
}

export function getItem(key: Record<string, unknown>, consistentRead = false) {
  return { operation: 'GetItem' as const, key: util.dynamodb.toMapValues(key), consistentRead };
}

export interface QueryPage {
  /** the partition key attribute and its value */
  pk: [string, string];
  /** an optional sort key condition on `sk[0]`: begins_with or BETWEEN */
  sk?: { name: string; beginsWith?: string; between?: [string, string] };
  index?: string;
  limit: number;
  nextToken?: string | null;
  forward: boolean;
  projection?: string[];
  consistentRead?: boolean;
}

/** One Query: a key condition only, never a filter (a filter could leave a page empty). */
export function queryPage(q: QueryPage) {
  const names: Record<string, string> = { '#pk': q.pk[0] };
  const values: Record<string, unknown> = { ':pk': q.pk[1] };
  let expression = '#pk = :pk';
  if (q.sk && q.sk.beginsWith !== undefined) {
    names['#sk'] = q.sk.name;
    values[':sk'] = q.sk.beginsWith;
    expression = '#pk = :pk AND begins_with(#sk, :sk)';
  } else if (q.sk && q.sk.between) {
    names['#sk'] = q.sk.name;
    values[':from'] = q.sk.between[0];
    values[':to'] = q.sk.between[1];
    expression = '#pk = :pk AND #sk BETWEEN :from AND :to';
  }
  const request: Record<string, unknown> = {
    operation: 'Query',
    query: { expression, expressionNames: names, expressionValues: util.dynamodb.toMapValues(values) },
    scanIndexForward: q.forward,
    limit: q.limit,
    nextToken: q.nextToken || null,
  };
  if (q.index) request.index = q.index;
  if (q.consistentRead) request.consistentRead = true;
  if (q.projection) {
    const projNames: Record<string, string> = {};
    q.projection.forEach((attr, i) => {
      projNames[`#p${i}`] = attr;
    });
    request.projection = { expression: Object.keys(projNames).join(', '), expressionNames: projNames };
  }
  return request;
}

interface CancelCtx {
  error?: { message: string; type: string; cancellationReasons?: unknown } | null;
  result?: unknown;
}

interface Reason {
  type?: string;
  Code?: string;
}

/**
 * For a cancelled TransactWriteItems: which items' conditions failed (by request position).
 * AppSync hands the reasons to the response handler in ctx.result.cancellationReasons (type per item,
 * 'None' where that item was fine); the local runtime may also attach them to ctx.error.
 * Returns null when the error is not a cancelled transaction.
 */
export function failedConditions(ctx: CancelCtx): boolean[] | null {
  if (!ctx.error) return null;
  const fromResult = ctx.result ? (ctx.result as { cancellationReasons?: Reason[] }).cancellationReasons : undefined;
  const reasons = (fromResult || (ctx.error.cancellationReasons as Reason[] | undefined)) as Reason[] | undefined;
  if (!reasons || !Array.isArray(reasons)) return null;
  return reasons.map((r) => !!r && (r.type || r.Code) === 'ConditionalCheckFailed');
}

/** Whether ctx.error is a single write whose condition expression failed. */
export function conditionFailed(ctx: CancelCtx): boolean {
  return !!ctx.error && ctx.error.type.indexOf('ConditionalCheckFailed') >= 0;
}
