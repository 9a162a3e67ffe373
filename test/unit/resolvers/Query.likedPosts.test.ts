import { describe, expect, it } from 'vitest';
import {
  givenIdentity,
  thenEarlyReturn,
  thenError,
  thenResult,
  thenUnauthorized,
  whenRequest,
  whenResponse,
} from '../../support/resolver-steps.js';

const FILE = 'resolvers/Query.likedPosts.ts';

describe('Query.likedPosts', () => {
  it("is one BatchGetItem of the caller's LIKE items (duplicates asked once)", async () => {
    const request = thenResult(await whenRequest(FILE, { args: { postIds: ['p1', 'p2', 'p1'] }, identity: givenIdentity.user('me') }));
    expect(request).toEqual({
      operation: 'BatchGetItem',
      tables: {
        'test-table': {
          keys: [
            { PK: { S: 'POST#p1' }, SK: { S: 'LIKE#me' } },
            { PK: { S: 'POST#p2' }, SK: { S: 'LIKE#me' } },
          ],
          consistentRead: false,
          projection: { expression: '#pk, #sk, #postId', expressionNames: { '#pk': 'PK', '#sk': 'SK', '#postId': 'postId' } },
        },
      },
    });
  });

  it('answers an empty list without calling DynamoDB', async () => {
    expect(thenEarlyReturn(await whenRequest(FILE, { args: { postIds: [] } }))).toEqual([]);
  });

  it('refuses more than 50 ids', async () => {
    const postIds = Array.from({ length: 51 }, (_, i) => `p${i}`);
    thenError(await whenRequest(FILE, { args: { postIds } }), 'ValidationError', /^postIds: must hold at most 50/);
  });

  it('is for signed-in users only', async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { postIds: ['p1'] }, identity: givenIdentity.apiKey() }));
  });

  it('returns the liked ids in the order asked', async () => {
    const result = { data: { 'test-table': [{ postId: 'p3' }, null, { postId: 'p1' }] }, unprocessedKeys: { 'test-table': [] } };
    const ids = thenResult(await whenResponse(FILE, { args: { postIds: ['p1', 'p2', 'p3'] }, result }));
    expect(ids).toEqual(['p1', 'p3']);
  });

  it('names the missing TABLE_NAME setting clearly', async () => {
    thenError(await whenRequest(FILE, { args: { postIds: ['p1'] }, env: { TABLE_NAME: '' } }), 'InternalFailure', /TABLE_NAME/);
  });
});
