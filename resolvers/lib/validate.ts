// Input limits that are part of the API contract (see schema.graphql's header). Checked before any write.
// APPSYNC_JS has no regex literals, so character classes are checked with plain loops.
import { invalid } from './errors';
import { LIMITS } from './limits';

export { LIMITS } from './limits';

/** Page size: default 20, must be 1..50. */
export function pageLimit(limit: number | null | undefined): number {
  if (limit === null || limit === undefined) return LIMITS.pageDefault;
  if (limit < 1 || limit > LIMITS.pageMax) invalid('limit', `must be between 1 and ${LIMITS.pageMax}`);
  return limit;
}

/** A trimmed string of min..max characters (counted as Unicode code points, as people count them). */
export function text(field: string, value: string | null | undefined, min: number, max: number): string {
  const v = (value ?? '').trim();
  const length = Array.from(v).length;
  if (length < min) invalid(field, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (length > max) invalid(field, `must be at most ${max} characters`);
  return v;
}

const HANDLE_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789_';

/** A handle: 3..24 of a-z, 0-9 and _. */
export function handle(value: string): string {
  const v = text('handle', value, LIMITS.handleMin, LIMITS.handleMax);
  for (const ch of v) {
    if (HANDLE_CHARS.indexOf(ch) < 0) invalid('handle', 'may only contain a-z, 0-9 and _');
  }
  return v;
}
