import { describe, expect, it } from 'vitest';
import { givenIdentity, thenData, thenFieldError, thenUnauthorized, whenField, whenRequest } from '../../support/resolver-steps.js';
import { binding } from './content.fixtures.js';

const notifications = binding('Query.notifications');
const me = givenIdentity.user('u-1');
const ID = (n: number) => `01HZZ000000000000000000${String(n).padStart(3, '0')}`;

function notif(n: number, over: Record<string, unknown> = {}) {
  return {
    PK: 'USER#u-1',
    SK: `NOTIF#${ID(n)}`,
    id: ID(n),
    userId: 'u-1',
    kind: 'LIKE_RECEIVED',
    message: 'bob liked your post',
    postId: 'P1',
    actorId: 'bob',
    actorHandle: 'bob',
    amount: 2,
    balance: 40,
    read: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    expiresAt: 1790000000,
    ...over,
  };
}

describe('Query.notifications', () => {
  it('returns a page newest first, read flags from the cursor, and the unread count', async () => {
    const run = await whenField(notifications, {
      identity: me,
      args: { limit: 2 },
      answers: [
        { result: { notifsReadUpTo: ID(2) } },
        { result: { items: [notif(3), notif(2)], nextToken: 'more' } },
        { result: { items: [{ SK: `NOTIF#${ID(3)}` }], nextToken: null } },
      ],
    });
    const page = thenData(run);
    expect(page.unreadCount).toBe(1);
    expect(page.nextToken).toBe('more');
    expect(page.items.map((n: any) => [n.id, n.read])).toEqual([
      [ID(3), false],
      [ID(2), true],
    ]);
    expect(page.items[0]).toEqual({
      id: ID(3),
      userId: 'u-1',
      kind: 'LIKE_RECEIVED',
      message: 'bob liked your post',
      postId: 'P1',
      actorId: 'bob',
      actorHandle: 'bob',
      amount: 2,
      balance: 40,
      read: false,
      createdAt: '2026-11-22T10:00:00.000Z',
    });

    const [cursor, list, count] = run.requests.map((r) => r.request);
    expect(cursor).toMatchObject({ operation: 'GetItem', key: { SK: { S: 'PROFILE' } } });
    expect(list).toMatchObject({
      operation: 'Query',
      query: { expression: '#pk = :pk AND begins_with(#sk, :sk)', expressionValues: { ':sk': { S: 'NOTIF#' } } },
      scanIndexForward: false,
      limit: 2,
    });
    // strictly above the cursor: NOTIF#<cursor># sorts after the cursor and before any later ULID
    expect(count).toMatchObject({
      query: {
        expression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        expressionValues: { ':from': { S: `NOTIF#${ID(2)}#` }, ':to': { S: 'NOTIF#~' } },
      },
      limit: 100,
      projection: { expression: '#p0', expressionNames: { '#p0': 'SK' } },
    });
    expect(`NOTIF#${ID(2)}#` > `NOTIF#${ID(2)}`).toBe(true);
    expect(`NOTIF#${ID(2)}#` < `NOTIF#${ID(3)}`).toBe(true);
  });

  it('without a cursor everything is unread, and the count is capped at 100', async () => {
    const run = await whenField(notifications, {
      identity: me,
      answers: [
        { result: null },
        { result: { items: [notif(1)] } },
        { result: { items: Array.from({ length: 100 }, (_, i) => ({ SK: `NOTIF#${ID(i)}` })), nextToken: 'x' } },
      ],
    });
    const page = thenData(run);
    expect(page.unreadCount).toBe(100);
    expect(page.items[0].read).toBe(false);
    expect(run.requests[2].request.query.expressionValues[':from']).toEqual({ S: 'NOTIF#' });
  });

  it('validates limit and is for signed-in users only', async () => {
    thenFieldError(await whenField(notifications, { identity: me, args: { limit: 0 } }), 'ValidationError', /^limit/);
    thenUnauthorized(await whenRequest(notifications.file, { identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(notifications.file, { identity: givenIdentity.iam() }));
  });
});
