// util.dynamodb: JS values to DynamoDB attribute values, as the APPSYNC_JS runtime returns them.
// Unlike the DynamoDB wire format (and @aws-sdk/util-dynamodb), numbers stay JSON numbers: {"N": 12345},
// {"NS": [1, 2]} — the AWS-recorded conformance vectors show this. The DynamoDB data source accepts both.
import { describe, isPlainObject, type Dict } from './guards.js';

export type AttributeValue =
  | { S: string }
  | { N: number }
  | { BOOL: boolean }
  | { NULL: null }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: number[] }
  | { B: string }
  | { BS: string[] };

/** Converts any JSON-like value; undefined map entries are dropped (they would vanish in JSON anyway). */
export function toDynamoDB(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: null };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'number':
      return { N: value };
    case 'bigint':
      return { N: Number(value) };
    case 'boolean':
      return { BOOL: value };
  }
  if (Array.isArray(value)) return { L: value.map(toDynamoDB) };
  if (typeof value === 'object') return { M: toMapValues(value) };
  throw new TypeError(`util.dynamodb.toDynamoDB: cannot convert a ${typeof value}`);
}

/** Each value of the object converted; the shape ddb helpers use for keys and items. */
export function toMapValues(value: unknown): Record<string, AttributeValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`util.dynamodb.toMapValues: expected an object, got ${describe(value)}`);
  }
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(value as Dict)) {
    if (v !== undefined) out[k] = toDynamoDB(v);
  }
  return out;
}

export function toMap(value: unknown): { M: Record<string, AttributeValue> } | null {
  if (value === null || value === undefined) return null;
  return { M: toMapValues(value) };
}

export function toList(value: unknown): { L: AttributeValue[] } | null {
  if (value === null || value === undefined) return null;
  if (!Array.isArray(value)) throw new TypeError(`util.dynamodb.toList: expected an array, got ${describe(value)}`);
  return { L: value.map(toDynamoDB) };
}

function typed<T>(fn: string, check: (v: unknown) => v is T, what: string) {
  return (v: unknown): T | null => {
    if (v === null || v === undefined) return null;
    if (!check(v)) throw new TypeError(`util.dynamodb.${fn}: expected ${what}, got ${describe(v)}`);
    return v;
  };
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);

export function toString(v: unknown): { S: string } | null {
  const s = typed('toString', isString, 'a string')(v);
  return s === null ? null : { S: s };
}
export function toStringSet(v: unknown): { SS: string[] } | null {
  const s = typed('toStringSet', isStrings, 'an array of strings')(v);
  return s === null ? null : { SS: [...s] };
}
export function toNumber(v: unknown): { N: number } | null {
  const n = typed('toNumber', isNumber, 'a number')(v);
  return n === null ? null : { N: n };
}
export function toNumberSet(v: unknown): { NS: number[] } | null {
  const n = typed('toNumberSet', isNumbers, 'an array of numbers')(v);
  return n === null ? null : { NS: [...n] };
}
/** The value is a base64 string and is passed through unchanged. */
export function toBinary(v: unknown): { B: string } | null {
  const b = typed('toBinary', isString, 'a base64 string')(v);
  return b === null ? null : { B: b };
}
export function toBinarySet(v: unknown): { BS: string[] } | null {
  const b = typed('toBinarySet', isStrings, 'an array of base64 strings')(v);
  return b === null ? null : { BS: [...b] };
}
export function toBoolean(v: unknown): { BOOL: boolean } | null {
  const b = typed('toBoolean', isBool, 'a boolean')(v);
  return b === null ? null : { BOOL: b };
}
export function toNull(): { NULL: null } {
  return { NULL: null };
}

/** The S3 object is stored as compact JSON with keys in the order key, bucket, region[, version]. */
export function toS3Object(key: unknown, bucket: unknown, region: unknown, version?: unknown): { S: string } {
  const fn = 'util.dynamodb.toS3Object';
  for (const [name, v] of [['key', key], ['bucket', bucket], ['region', region]] as const) {
    if (typeof v !== 'string') throw new TypeError(`${fn}: argument "${name}" must be a string, got ${describe(v)}`);
  }
  const s3: Dict = { key, bucket, region };
  if (version !== undefined && version !== null) {
    if (typeof version !== 'string') throw new TypeError(`${fn}: argument "version" must be a string`);
    s3.version = version;
  }
  return { S: JSON.stringify({ s3 }) };
}

/** Reads back what toS3Object stored: {key, bucket, region, version?}. */
export function fromS3ObjectJson(json: unknown): Dict {
  const fn = 'util.dynamodb.fromS3ObjectJson';
  if (typeof json !== 'string') throw new TypeError(`${fn}: argument must be a string, got ${describe(json)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${fn}: not valid JSON: ${json}`);
  }
  const s3 = isPlainObject(parsed) ? parsed.s3 : undefined;
  if (!isPlainObject(s3) || typeof s3.key !== 'string' || typeof s3.bucket !== 'string' || typeof s3.region !== 'string') {
    throw new Error(`${fn}: expected {"s3":{"key","bucket","region"}}, got ${json}`);
  }
  const out: Dict = { key: s3.key, bucket: s3.bucket, region: s3.region };
  if (typeof s3.version === 'string') out.version = s3.version;
  return out;
}
