// util.autoId (UUID v4), util.autoUlid, util.autoKsuid.
import { randomUUID } from 'node:crypto';
import KSUID from 'ksuid';
import { monotonicFactory } from 'ulid';

export function autoId(): string {
  return randomUUID();
}

// Monotonic: ids made in the same millisecond still sort in creation order (the data model sorts SKs
// by ULID), and it is ~30x faster than a fresh random ulid() per call.
const nextUlid = monotonicFactory();

/** 26-char Crockford base32 ULID. */
export function autoUlid(): string {
  return nextUlid();
}

/** 27-char base62 KSUID (randomSync: resolver code is synchronous). */
export function autoKsuid(): string {
  return KSUID.randomSync().string;
}
