// Test helper: create the API's table in DynamoDB Local (the logic lives in infra/local/tables.ts, shared with
// the local server). A unique name per test file keeps files independent on one DynamoDB Local.
export { createTable } from '../../infra/local/tables.js';

/** A table name unlikely to clash with another test file's. */
export function uniqueTableName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
