import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Query.auditLog.ts';

describe('Query.auditLog', () => {
  it('admins: one Query on AUDIT#<day>, newest first', async () => {
    const req = thenResult(await whenRequest(file, { identity: givenIdentity.admin(), args: { day: '2026-11-22' } }));
    expect(req.query.expression).toBe('#pk = :pk');
    expect(req.query.expressionValues).toEqual({ ':pk': { S: 'AUDIT#2026-11-22' } });
    expect(req.scanIndexForward).toBe(false);
  });

  it('refuses a day that is not yyyy-mm-dd', async () => {
    for (const day of ['2026-11-22Z', '22-11-2026', '2026/11/22', '']) {
      thenError(await whenRequest(file, { identity: givenIdentity.admin(), args: { day } }), 'ValidationError', /^day:/);
    }
  });

  it('refuses non-admins', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1'), args: { day: '2026-11-22' } }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey(), args: { day: '2026-11-22' } }));
  });

  it('maps items to AuditEntry', async () => {
    const item = { PK: 'AUDIT#2026-11-22', SK: '01A', type: 'AUDIT', id: '01A', postId: 'p1', adminId: 'a1', decision: 'REJECT', note: null, createdAt: '2026-11-22T10:00:00.000Z' };
    const out = thenResult(await whenResponse(file, { identity: givenIdentity.admin(), result: { items: [item] } }));
    expect(out.items).toEqual([{ id: '01A', postId: 'p1', adminId: 'a1', decision: 'REJECT', note: null, createdAt: '2026-11-22T10:00:00.000Z' }]);
  });

  it('passes a data source error on', async () => {
    thenError(await whenResponse(file, { error: { message: 'x', type: 'DynamoDB:DynamoDbException' } }), 'DynamoDB:DynamoDbException');
  });
});
