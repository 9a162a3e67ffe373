// Time helpers: UTC days (the coin cap is per UTC day) and DynamoDB TTL values (epoch seconds).
export const DAY_SECONDS = 24 * 60 * 60;

/** `yyyy-mm-dd` of the UTC day containing `date`. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A TTL attribute value `days` after `from`. */
export function ttlAfterDays(from: Date, days: number): number {
  return Math.floor(from.getTime() / 1000) + days * DAY_SECONDS;
}
