// util.autoId (UUID v4), util.autoUlid, util.autoKsuid.
import { randomUUID } from 'node:crypto';
import KSUID from 'ksuid';
import { ulid } from 'ulid';

export function autoId(): string {
  return randomUUID();
}

/** 26-char Crockford base32 ULID: time-sortable, which the data model relies on for SK ordering. */
export function autoUlid(): string {
  return ulid();
}

/** 27-char base62 KSUID (randomSync: resolver code is synchronous). */
export function autoKsuid(): string {
  return KSUID.randomSync().string;
}
