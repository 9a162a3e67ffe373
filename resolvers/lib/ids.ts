// Id arguments. Ids are ULIDs (26 Crockford base32 characters), which is also what keeps the
// BETWEEN bounds of the unread-notification count exact.
import { invalid } from './errors';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A non-empty id of at most 128 characters (ids end up inside keys). */
export function idArg(field: string, value: string | null | undefined): string {
  const v = value || '';
  if (v.length === 0) invalid(field, 'must not be empty');
  if (v.length > 128) invalid(field, 'must be at most 128 characters');
  return v;
}

/** A ULID, as every notification, post and comment id is. */
export function ulidArg(field: string, value: string | null | undefined): string {
  const v = value || '';
  if (v.length !== 26) invalid(field, 'must be a 26-character ULID');
  for (const ch of v) {
    if (CROCKFORD.indexOf(ch) < 0) invalid(field, 'must be a 26-character ULID');
  }
  return v;
}
