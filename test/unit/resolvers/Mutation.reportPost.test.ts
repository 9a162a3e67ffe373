import { describe, expect, it } from 'vitest';
import {
  givenCancelledTransaction,
  givenConditionFailed,
  givenIdentity,
  thenData,
  thenError,
  thenFieldError,
  thenUnauthorized,
  whenField,
  whenRequest,
} from '../../support/resolver-steps.js';
import { AUTHOR, POST_ID, binding, postItem } from './content.fixtures.js';

const reportPost = binding('Mutation.reportPost');
const me = givenIdentity.user('u-3');
const args = { input: { postId: POST_ID, reason: 'spam' } };

describe('Mutation.reportPost', () => {
  it('writes the REPORT (once per user) + reportCount, then tries to queue the post by condition', async () => {
    const run = await whenField(reportPost, {
      args,
      identity: me,
      answers: [{ result: postItem() }, { result: { keys: [] } }, { result: postItem({ queuePK: 'QUEUE' }) }],
    });
    expect(thenData(run)).toMatchObject({ postId: POST_ID, reporterId: 'u-3', reason: 'spam' });
    const [, write, queue] = run.requests.map((r) => r.request);
    expect(write.transactItems[0]).toMatchObject({
      key: { SK: { S: 'REPORT#u-3' } },
      condition: { expression: 'attribute_not_exists(PK)' },
    });
    expect(write.transactItems[1].update.expression).toBe('ADD reportCount :one');
    expect(queue).toMatchObject({
      operation: 'UpdateItem',
      update: { expression: 'SET #qpk = :qpk, #qsk = :qsk', expressionValues: { ':qpk': { S: 'QUEUE' } } },
      condition: {
        expression: '#reports >= :threshold AND #status = :approved AND attribute_not_exists(#queued)',
        expressionValues: { ':threshold': { N: 3 } },
      },
    });
    expect(queue.update.expressionValues[':qsk'].S).toMatch(new RegExp(`#${POST_ID}$`));
  });

  it('below the threshold (queue condition fails) the report still succeeds', async () => {
    const run = await whenField(reportPost, {
      args,
      identity: me,
      answers: [{ result: postItem() }, { result: { keys: [] } }, givenConditionFailed()],
    });
    expect(thenData(run).reason).toBe('spam');
  });

  it('a second report by the same user is a Conflict', async () => {
    const run = await whenField(reportPost, {
      args,
      identity: me,
      answers: [{ result: postItem() }, givenCancelledTransaction('ConditionalCheckFailed', 'None')],
    });
    thenFieldError(run, 'Conflict', 'you already reported this post');
  });

  it('a post that is not approved is NotFound; your own post cannot be reported', async () => {
    thenFieldError(await whenField(reportPost, { args, identity: me, answers: [{ result: null }] }), 'NotFound');
    const own = await whenField(reportPost, { args, identity: givenIdentity.user(AUTHOR), answers: [{ result: postItem() }] });
    thenFieldError(own, 'ValidationError', 'postId: you cannot report your own post');
  });

  it('reason must be 1..500 characters; anonymous callers cannot report', async () => {
    thenError(await whenRequest(reportPost.file, { args: { input: { postId: POST_ID, reason: '' } }, identity: me }), 'ValidationError', /^reason/);
    thenError(
      await whenRequest(reportPost.file, { args: { input: { postId: POST_ID, reason: 'r'.repeat(501) } }, identity: me }),
      'ValidationError',
      'reason: must be at most 500 characters',
    );
    thenUnauthorized(await whenRequest(reportPost.file, { args, identity: givenIdentity.apiKey() }));
  });
});
