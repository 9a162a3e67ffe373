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

const addComment = binding('Mutation.addComment');
const me = givenIdentity.user('u-2');
const args = { input: { postId: POST_ID, text: ' lovely ' } };

describe('Mutation.addComment', () => {
  it('writes the COMMENT and commentCount in one transaction and returns the comment', async () => {
    const run = await whenField(addComment, {
      args,
      identity: me,
      answers: [{ result: postItem() }, { result: { handle: 'bob' } }, { result: { keys: [] } }],
    });
    const comment = thenData(run);
    expect(comment).toMatchObject({ postId: POST_ID, authorId: 'u-2', authorHandle: 'bob', text: 'lovely' });
    const write = run.requests[2].request;
    expect(write.transactItems[0]).toMatchObject({
      operation: 'PutItem',
      key: { PK: { S: `POST#${POST_ID}` }, SK: { S: `COMMENT#${comment.id}` } },
      // the post's author rides along for the rewards function's COMMENT_RECEIVED notification
      attributeValues: { type: { S: 'COMMENT' }, text: { S: 'lovely' }, postAuthorId: { S: 'author-1' } },
    });
    expect(write.transactItems[1]).toMatchObject({
      update: { expression: 'ADD commentCount :one' },
      condition: { expression: '#status = :approved' },
    });
  });

  it('a post that is not approved is NotFound (before and during the write)', async () => {
    thenFieldError(await whenField(addComment, { args, identity: me, answers: [{ result: postItem({ status: 'PENDING' }) }] }), 'NotFound');
    const raced = await whenField(addComment, {
      args,
      identity: me,
      answers: [{ result: postItem() }, { result: null }, givenCancelledTransaction('None', 'ConditionalCheckFailed')],
    });
    thenFieldError(raced, 'NotFound');
  });

  it('text must be 1..500 characters', async () => {
    thenError(await whenRequest(addComment.file, { args: { input: { postId: POST_ID, text: '   ' } }, identity: me }), 'ValidationError', 'text: must not be empty');
    thenError(
      await whenRequest(addComment.file, { args: { input: { postId: POST_ID, text: 'a'.repeat(501) } }, identity: me }),
      'ValidationError',
      'text: must be at most 500 characters',
    );
  });

  it('anonymous callers cannot comment', async () => {
    thenUnauthorized(await whenRequest(addComment.file, { args, identity: givenIdentity.apiKey() }));
  });
});
