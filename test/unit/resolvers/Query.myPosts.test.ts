import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { AUTHOR, postItem } from './content.fixtures.js';

const FILE = 'resolvers/Query.myPosts.ts';

describe('Query.myPosts', () => {
  it("queries the caller's whole byAuthor partition (every status), newest first", async () => {
    const request = thenResult(await whenRequest(FILE, { identity: givenIdentity.user('me') }));
    expect(request).toMatchObject({
      operation: 'Query',
      index: 'byAuthor',
      query: { expression: '#pk = :pk', expressionValues: { ':pk': { S: 'USER#me' } } },
      scanIndexForward: false,
      limit: 20,
    });
  });

  it('refuses callers without a user (IAM)', async () => {
    thenUnauthorized(await whenRequest(FILE, { identity: givenIdentity.iam() }));
  });

  it('shows the author their own moderation notes', async () => {
    const result = { items: [postItem({ status: 'FLAGGED', moderationNote: 'too many links' })] };
    const page = thenResult(await whenResponse(FILE, { identity: givenIdentity.user(AUTHOR), result }));
    expect(page.items[0]).toMatchObject({ status: 'FLAGGED', moderationNote: 'too many links' });
  });
});
