// API errors as a person should read them. Resolvers raise errors with an `errorType` (see
// resolvers/lib/errors.ts); the app shows words for each type instead of the raw message.

export class ApiError extends Error {
  constructor(
    message: string,
    /** AppSync errorType (ValidationError, InsufficientCoins, ...), 'NetworkError', or null. */
    readonly errorType: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphQLErrorLike {
  message?: string;
  errorType?: string;
}

/** Anything a GraphQL call can reject with (Amplify throws the whole result) → one ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const errors = (err as { errors?: GraphQLErrorLike[] } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const first = errors[0];
    return new ApiError(first.message ?? 'Unknown error', first.errorType ?? null);
  }
  if (err instanceof Error) {
    const network = err.name === 'NetworkError' || /fetch|network/i.test(err.message);
    const unauth = err.name === 'NoValidAuthTokens' || err.name === 'UserUnAuthenticatedException';
    return new ApiError(err.message, network ? 'NetworkError' : unauth ? 'Unauthorized' : err.name || null);
  }
  return new ApiError(String(err), null);
}

const WORDS: Record<string, string> = {
  InsufficientCoins: "You don't have enough coins for this yet. Earn more by posting, commenting and getting likes.",
  OutOfStock: 'Sorry, this reward is out of stock.',
  Unauthorized: "You're not allowed to do that. Try signing in again.",
  UnauthorizedException: 'Please sign in to do that.',
  NotFound: 'That no longer exists. It may have been removed.',
  MediaNotReady: 'Your image is still being processed. Try again in a moment.',
  Conflict: 'That was changed by someone else. Refresh and try again.',
  NetworkError: "Can't reach the server. Check your connection and try again.",
  InternalFailure: 'Something went wrong on our side. Please try again.',
};

/** "caption: must be at most 280 characters" → "Caption must be at most 280 characters." */
function validationWords(message: string): string {
  const m = /^([A-Za-z][\w.]*): (.+)$/.exec(message);
  const text = m ? `${m[1].charAt(0).toUpperCase()}${m[1].slice(1)} ${m[2]}` : message;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The words to show for an error from any hook; `words` says it better for one action (e.g. a repeat
 * report is a Conflict, but "changed by someone else" would be the wrong story there). */
export function humanMessage(err: unknown, words: Partial<Record<string, string>> = {}): string {
  const e = toApiError(err);
  const special = e.errorType ? words[e.errorType] : undefined;
  if (special) return special;
  if (e.errorType === 'ValidationError') return validationWords(e.message);
  if (e.errorType && WORDS[e.errorType]) return WORDS[e.errorType];
  return 'Something went wrong. Please try again.';
}
