import { describe, expect, it } from 'vitest';
import {
  givenCancelledTransaction,
  givenIdentity,
  thenData,
  thenFieldError,
  thenUnauthorized,
  whenField,
  whenRequest,
} from '../../support/resolver-steps.js';
import { AUTHOR, POST_ID, binding, expectedPost, postItem } from './content.fixtures.js';

const deletePost = binding('Mutation.deletePost');
const args = { id: POST_ID };

describe('Mutation.deletePost', () => {
  it("the author deletes the post and it is counted off their profile, in one transaction", async () => {
    const run = await whenField(deletePost, {
      args,
      identity: givenIdentity.user(AUTHOR),
      answers: [{ result: postItem() }, { result: { keys: [] } }],
    });
    expect(thenData(run)).toEqual(expectedPost());
    const write = run.requests[1].request;
    expect(write.transactItems[0]).toMatchObject({
      operation: 'DeleteItem',
      key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'POST' } },
      condition: { expression: '#authorId = :sub', expressionValues: { ':sub': { S: AUTHOR } } },
    });
    expect(write.transactItems[1].update.expression).toMatch(/ADD postCount :minusOne$/);
  });

  it("someone else's post is Unauthorized, even for admins (they moderate instead)", async () => {
    for (const identity of [givenIdentity.user('other'), givenIdentity.admin()]) {
      const run = await whenField(deletePost, { args, identity, answers: [{ result: postItem() }] });
      thenFieldError(run, 'Unauthorized');
      expect(run.requests).toHaveLength(1);
    }
  });

  it('a missing post is NotFound, also when deleted concurrently', async () => {
    thenFieldError(await whenField(deletePost, { args, identity: givenIdentity.user(AUTHOR), answers: [{ result: null }] }), 'NotFound');
    const raced = await whenField(deletePost, {
      args,
      identity: givenIdentity.user(AUTHOR),
      answers: [{ result: postItem() }, givenCancelledTransaction('ConditionalCheckFailed', 'None')],
    });
    thenFieldError(raced, 'NotFound');
  });

  it('anonymous callers cannot delete', async () => {
    thenUnauthorized(await whenRequest(deletePost.file, { args, identity: givenIdentity.apiKey() }));
  });
});
