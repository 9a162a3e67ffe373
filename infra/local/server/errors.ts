// AppSync's error shapes. Field errors in a GraphQL response carry `path`, `data`, `errorType`,
// `errorInfo`, `locations` (with `sourceName: null`) and `message`; request-level failures (bad auth,
// malformed body) are an HTTP status with a body `{ errors: [{ errorType, message }] }`.
import { GraphQLError } from 'graphql';

/** Thrown inside execution for an error that must reach the client with AppSync's fields. */
export class AppSyncFieldError extends Error {
  constructor(
    message: string,
    readonly errorType: string | null = null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
  ) {
    super(message);
    this.name = 'AppSyncFieldError';
  }
}

export interface AppSyncErrorJson {
  path: Array<string | number> | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: Array<{ line: number; column: number; sourceName: null }> | null;
  message: string;
}

function locationsOf(err: GraphQLError): AppSyncErrorJson['locations'] {
  return err.locations ? err.locations.map((l) => ({ line: l.line, column: l.column, sourceName: null })) : null;
}

/** A field or validation error as AppSync prints it. */
export function formatGraphQLError(err: GraphQLError): AppSyncErrorJson {
  const original = err.originalError;
  if (original instanceof AppSyncFieldError) {
    return {
      path: err.path ? [...err.path] : null,
      data: original.data ?? null,
      errorType: original.errorType,
      errorInfo: original.errorInfo ?? null,
      locations: locationsOf(err),
      message: original.message,
    };
  }
  // Scalar serialisation, non-null violations (no error type on AppSync either); a failure of this server's
  // own code is an InternalFailure whose message is kept: locally, the cause matters more than secrecy.
  const hostFailure = original !== undefined && !(original instanceof GraphQLError);
  return {
    path: err.path ? [...err.path] : null,
    data: null,
    errorType: hostFailure ? 'InternalFailure' : null,
    errorInfo: null,
    locations: locationsOf(err),
    message: err.message,
  };
}

/** A request-level failure: HTTP status plus AppSync's `{errors:[{errorType, message}]}` body. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }

  body(): { errors: Array<{ errorType: string; message: string }> } {
    return { errors: [{ errorType: this.errorType, message: this.message }] };
  }
}

export const unauthorized = (message: string): RequestError => new RequestError(401, 'UnauthorizedException', message);
