import { describe, expect, it } from 'vitest';
import {
  givenCancelledTransaction,
  givenIdentity,
  thenData,
  thenError,
  thenFieldError,
  thenUnauthorized,
  whenField,
  whenRequest,
} from '../../support/resolver-steps.js';
import { POST_ID, binding, postItem } from './content.fixtures.js';

const like = binding('Mutation.likePost');
const unlike = binding('Mutation.unlikePost');
const me = givenIdentity.user('fan-1');

describe('Mutation.likePost', () => {
  it("gets the post and the liker's handle, writes LIKE (with the handle) + likeCount in one transaction, then returns the stored counts", async () => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: me,
      answers: [
        { result: postItem() },
        { result: { handle: 'bob' } },
        { result: { keys: [], cancellationReasons: null } },
        { result: postItem({ likeCount: 5 }) },
      ],
    });
    expect(thenData(run)).toEqual({ postId: POST_ID, likeCount: 5, commentCount: 2, liked: true });
    const [get, profile, write, reread] = run.requests.map((r) => r.request);
    expect(get).toMatchObject({ operation: 'GetItem', key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'POST' } } });
    expect(profile).toMatchObject({ operation: 'GetItem', key: { PK: { S: 'USER#fan-1' }, SK: { S: 'PROFILE' } } });
    expect(write.operation).toBe('TransactWriteItems');
    expect(write.transactItems).toHaveLength(2);
    expect(write.transactItems[0]).toMatchObject({
      table: 'test-table',
      operation: 'PutItem',
      key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'LIKE#fan-1' } },
      attributeValues: { type: { S: 'LIKE' }, postId: { S: POST_ID }, userId: { S: 'fan-1' }, userHandle: { S: 'bob' } },
      condition: { expression: 'attribute_not_exists(PK)' },
    });
    expect(write.transactItems[1]).toMatchObject({
      operation: 'UpdateItem',
      key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'POST' } },
      update: { expression: 'ADD likeCount :one', expressionValues: { ':one': { N: 1 } } },
      condition: { expression: '#status = :approved' },
    });
    expect(reread).toMatchObject({ operation: 'GetItem', consistentRead: true });
  });

  it('a liker without a profile yet is named by their Cognito username on the LIKE item', async () => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: givenIdentity.user('fan-1', { username: 'newbie' }),
      answers: [{ result: postItem() }, { result: null }, { result: { keys: [] } }, { result: postItem() }],
    });
    thenData(run);
    expect(run.requests[2].request.transactItems[0].attributeValues.userHandle).toEqual({ S: 'newbie' });
  });

  it('liking twice is not an error: the cancelled transaction returns the current counts, liked', async () => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: postItem() }, { result: { handle: 'bob' } }, givenCancelledTransaction('ConditionalCheckFailed', 'None'), { result: postItem() }],
    });
    expect(thenData(run)).toEqual({ postId: POST_ID, likeCount: 4, commentCount: 2, liked: true });
  });

  it.each([null, 'PENDING', 'FLAGGED', 'REJECTED'])('a post that is missing or %s is NotFound, nothing written', async (status) => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: status ? postItem({ status }) : null }],
    });
    thenFieldError(run, 'NotFound', `post ${POST_ID} not found`);
    expect(run.requests).toHaveLength(1);
  });

  it('a post un-approved between the read and the write is NotFound', async () => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: postItem() }, { result: { handle: 'bob' } }, givenCancelledTransaction('None', 'ConditionalCheckFailed')],
    });
    thenFieldError(run, 'NotFound');
  });

  it('other data source errors surface with their type', async () => {
    const run = await whenField(like, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: postItem() }, { result: { handle: 'bob' } }, { error: { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' } }],
    });
    thenFieldError(run, 'DynamoDB:ProvisionedThroughputExceededException', 'throttled');
  });

  it('anonymous (API key) and IAM callers cannot like', async () => {
    thenUnauthorized(await whenRequest(like.file, { args: { postId: POST_ID }, identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(like.file, { args: { postId: POST_ID }, identity: givenIdentity.iam() }));
  });

  it('validates postId', async () => {
    thenError(await whenRequest(like.file, { args: { postId: '' }, identity: me }), 'ValidationError', /^postId/);
  });
});

describe('Mutation.unlikePost', () => {
  it('deletes the LIKE (if present) and decrements likeCount in one transaction', async () => {
    const run = await whenField(unlike, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: postItem() }, { result: { keys: [] } }, { result: postItem({ likeCount: 3 }) }],
    });
    expect(thenData(run)).toEqual({ postId: POST_ID, likeCount: 3, commentCount: 2, liked: false });
    const write = run.requests[1].request;
    expect(write.transactItems[0]).toMatchObject({
      operation: 'DeleteItem',
      key: { SK: { S: 'LIKE#fan-1' } },
      condition: { expression: 'attribute_exists(PK)' },
    });
    expect(write.transactItems[1].update).toMatchObject({ expression: 'ADD likeCount :minusOne', expressionValues: { ':minusOne': { N: -1 } } });
  });

  it('unliking what is not liked is not an error (idempotent)', async () => {
    const run = await whenField(unlike, {
      args: { postId: POST_ID },
      identity: me,
      answers: [{ result: postItem() }, givenCancelledTransaction('ConditionalCheckFailed', 'None'), { result: postItem() }],
    });
    expect(thenData(run)).toMatchObject({ likeCount: 4, liked: false });
  });

  it('a post that is not approved is NotFound', async () => {
    const run = await whenField(unlike, { args: { postId: POST_ID }, identity: me, answers: [{ result: postItem({ status: 'REJECTED' }) }] });
    thenFieldError(run, 'NotFound');
  });

  it('anonymous callers cannot unlike', async () => {
    thenUnauthorized(await whenRequest(unlike.file, { args: { postId: POST_ID }, identity: givenIdentity.apiKey() }));
  });
});
