import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { POST_ID } from './content.fixtures.js';

const FILE = 'resolvers/Query.comments.ts';

describe('Query.comments', () => {
  it("is one Query of the post's COMMENT# items, oldest first", async () => {
    const request = thenResult(await whenRequest(FILE, { args: { postId: POST_ID }, identity: givenIdentity.apiKey() }));
    expect(request).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'PK', '#sk': 'SK' },
        expressionValues: { ':pk': { S: `POST#${POST_ID}` }, ':sk': { S: 'COMMENT#' } },
      },
      scanIndexForward: true,
      limit: 20,
      nextToken: null,
    });
  });

  it('validates postId', async () => {
    thenError(await whenRequest(FILE, { args: { postId: '' } }), 'ValidationError', /^postId/);
  });

  it('maps comment items', async () => {
    const item = {
      PK: `POST#${POST_ID}`,
      SK: 'COMMENT#C1',
      type: 'COMMENT',
      id: 'C1',
      postId: POST_ID,
      authorId: 'u2',
      authorHandle: 'bob',
      text: 'nice',
      createdAt: '2026-11-22T11:00:00.000Z',
    };
    const page = thenResult(await whenResponse(FILE, { result: { items: [item], nextToken: 'n' } }));
    expect(page).toEqual({
      items: [{ id: 'C1', postId: POST_ID, authorId: 'u2', authorHandle: 'bob', text: 'nice', createdAt: '2026-11-22T11:00:00.000Z' }],
      nextToken: 'n',
    });
  });
});
