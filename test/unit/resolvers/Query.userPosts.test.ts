import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { expectedPost, postItem } from './content.fixtures.js';

const FILE = 'resolvers/Query.userPosts.ts';

describe('Query.userPosts', () => {
  it("is one Query on byAuthor limited to the author's APPROVED# keys, newest first", async () => {
    const request = thenResult(
      await whenRequest(FILE, { args: { userId: 'u-9', limit: 5, nextToken: 't' }, identity: givenIdentity.apiKey() }),
    );
    expect(request).toEqual({
      operation: 'Query',
      index: 'byAuthor',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'authorPK', '#sk': 'authorSK' },
        expressionValues: { ':pk': { S: 'USER#u-9' }, ':sk': { S: 'APPROVED#' } },
      },
      scanIndexForward: false,
      limit: 5,
      nextToken: 't',
    });
  });

  it('validates userId and limit', async () => {
    thenError(await whenRequest(FILE, { args: { userId: '' } }), 'ValidationError', /userId/);
    thenError(await whenRequest(FILE, { args: { userId: 'u', limit: 99 } }), 'ValidationError', /limit/);
  });

  it('maps the page', async () => {
    const page = thenResult(await whenResponse(FILE, { identity: givenIdentity.user('x'), result: { items: [postItem()] } }));
    expect(page).toEqual({ items: [expectedPost({ moderationNote: null })], nextToken: null });
  });
});
