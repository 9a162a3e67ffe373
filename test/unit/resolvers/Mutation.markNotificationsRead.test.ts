import { describe, expect, it } from 'vitest';
import {
  givenConditionFailed,
  givenIdentity,
  thenData,
  thenError,
  thenFieldError,
  thenUnauthorized,
  whenField,
  whenRequest,
} from '../../support/resolver-steps.js';
import { binding } from './content.fixtures.js';

const mark = binding('Mutation.markNotificationsRead');
const me = givenIdentity.user('u-1');
const OLD = '01HZZ000000000000000000001';
const UP_TO = '01HZZ000000000000000000005';
const LATER = '01HZZ000000000000000000009';

describe('Mutation.markNotificationsRead', () => {
  it('moves the read cursor forward in one write and returns how many are still unread', async () => {
    const run = await whenField(mark, {
      identity: me,
      args: { upTo: UP_TO },
      answers: [{ result: { notifsReadUpTo: OLD } }, { result: {} }, { result: { items: [{ SK: 'NOTIF#X' }, { SK: 'NOTIF#Y' }] } }],
    });
    expect(thenData(run)).toBe(2);
    const [, write, count] = run.requests.map((r) => r.request);
    expect(write).toMatchObject({
      operation: 'UpdateItem',
      key: { PK: { S: 'USER#u-1' }, SK: { S: 'PROFILE' } },
      condition: { expression: 'attribute_not_exists(#cursor) OR #cursor < :cupTo', expressionValues: { ':cupTo': { S: UP_TO } } },
    });
    expect(write.update.expression).toMatch(/#readUpTo = :upTo$/);
    expect(count.query.expressionValues[':from']).toEqual({ S: `NOTIF#${UP_TO}#` });
  });

  it('never moves the cursor back: a failed condition keeps the later cursor for the count', async () => {
    const run = await whenField(mark, {
      identity: me,
      args: { upTo: UP_TO },
      answers: [{ result: { notifsReadUpTo: LATER } }, givenConditionFailed(), { result: { items: [] } }],
    });
    expect(thenData(run)).toBe(0);
    expect(run.requests[2].request.query.expressionValues[':from']).toEqual({ S: `NOTIF#${LATER}#` });
  });

  it('upTo must be a notification id (ULID)', async () => {
    thenError(await whenRequest(mark.file, { identity: me, args: { upTo: 'nope' } }), 'ValidationError', 'upTo: must be a 26-character ULID');
    thenError(await whenRequest(mark.file, { identity: me, args: { upTo: '01HZZ00000000000000000000#' } }), 'ValidationError', /^upTo/);
  });

  it('other write errors surface', async () => {
    const run = await whenField(mark, {
      identity: me,
      args: { upTo: UP_TO },
      answers: [{ result: null }, { error: { message: 'oops', type: 'DynamoDB:InternalServerError' } }],
    });
    thenFieldError(run, 'DynamoDB:InternalServerError');
  });

  it('is for signed-in users only', async () => {
    thenUnauthorized(await whenRequest(mark.file, { identity: givenIdentity.apiKey(), args: { upTo: UP_TO } }));
  });
});
