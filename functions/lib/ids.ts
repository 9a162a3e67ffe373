// ULIDs sort by time, so sort keys built from them list newest/oldest first without an extra index.
import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

export function newId(at: Date = new Date()): string {
  return next(at.getTime());
}
