// The errorTypes clients can rely on (documented in README "API errors"). Resolvers raise them with
// util.error(message, errorType, data) so the GraphQL error carries `errorType` as AppSync sends it.
import { util } from '@aws-appsync/utils';

export const ErrorType = {
  Validation: 'ValidationError',
  NotFound: 'NotFound',
  Unauthorized: 'Unauthorized',
  InsufficientCoins: 'InsufficientCoins',
  OutOfStock: 'OutOfStock',
  MediaNotReady: 'MediaNotReady',
  Conflict: 'Conflict',
  Internal: 'InternalFailure',
} as const;

/** Stops the field with a validation error naming the input field at fault. */
export function invalid(field: string, message: string): never {
  return util.error(`${field}: ${message}`, ErrorType.Validation, { field });
}

/** Passes a data source error on as a GraphQL error (the response handler's usual first line). */
export function failOnError(ctx: { error?: { message: string; type: string } | null }): void {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
}
