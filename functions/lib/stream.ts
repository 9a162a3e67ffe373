// Reading DynamoDB stream records: the images come as AttributeValue maps.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

export type Item = Record<string, unknown>;

function image(raw: unknown): Item | undefined {
  return raw ? (unmarshall(raw as Record<string, AttributeValue>) as Item) : undefined;
}

export const newImage = (record: DynamoDBRecord): Item | undefined => image(record.dynamodb?.NewImage);
export const oldImage = (record: DynamoDBRecord): Item | undefined => image(record.dynamodb?.OldImage);

/** The record's key, SK first as the functions filter on it. */
export function recordKey(record: DynamoDBRecord): { PK: string; SK: string } {
  const keys = image(record.dynamodb?.Keys) ?? {};
  return { PK: String(keys.PK ?? ''), SK: String(keys.SK ?? '') };
}

/**
 * When the change happened: ApproximateCreationDateTime is epoch seconds (AWS) — it decides the UTC day of a
 * credit, so a retry after midnight still counts for the day the event happened.
 */
export function recordTime(record: DynamoDBRecord): Date {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  return typeof seconds === 'number' ? new Date(seconds * 1000) : new Date();
}

/** A string attribute the record must have; its absence is a bad record (it fails and goes to the DLQ). */
export function requireString(item: Item, name: string, what: string): string {
  const value = item[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${what}: attribute ${name} is missing`);
  return value;
}
