// Type guards that work across realms: resolver code runs in a separate vm context, so its objects and
// arrays have other prototypes than ours. `instanceof Array` / `.constructor === Object` would fail there.

export type Dict = Record<string, unknown>;

/** A plain `{...}` object (from any realm), not null, not an array, not a Date/Map/... */
export function isPlainObject(v: unknown): v is Dict {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  return Object.prototype.toString.call(v) === '[object Object]';
}

/** Throws a TypeError naming the util function and argument at fault. */
export function expectString(fn: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw new TypeError(`${fn}: argument "${name}" must be a string, got ${describe(v)}`);
  return v;
}

export function expectNumber(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new TypeError(`${fn}: argument "${name}" must be a number, got ${describe(v)}`);
  }
  return v;
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
