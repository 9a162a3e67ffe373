import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { AUTHOR, expectedPost, postItem } from './content.fixtures.js';

const FILE = 'resolvers/Query.feed.ts';

describe('Query.feed', () => {
  it('is one Query on the sparse feed index, newest first, with the default page size', async () => {
    const request = thenResult(await whenRequest(FILE, { identity: givenIdentity.apiKey() }));
    expect(request).toEqual({
      operation: 'Query',
      index: 'feed',
      query: {
        expression: '#pk = :pk',
        expressionNames: { '#pk': 'feedPK' },
        expressionValues: { ':pk': { S: 'FEED' } },
      },
      scanIndexForward: false,
      limit: 20,
      nextToken: null,
    });
    expect(request).not.toHaveProperty('filter');
  });

  it('passes limit and nextToken through', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { limit: 50, nextToken: 'tok' } }));
    expect(request).toMatchObject({ limit: 50, nextToken: 'tok' });
  });

  it.each([0, 51, -1])('refuses limit %i with a ValidationError naming the field', async (limit) => {
    thenError(await whenRequest(FILE, { args: { limit } }), 'ValidationError', /^limit: must be between 1 and 50/);
  });

  it('maps items to Posts with CDN URLs and no keys; anonymous callers do not see moderation notes', async () => {
    const result = { items: [postItem()], nextToken: 'next' };
    const page = thenResult(await whenResponse(FILE, { identity: givenIdentity.apiKey(), result }));
    expect(page).toEqual({ items: [expectedPost({ moderationNote: null })], nextToken: 'next' });
    expect(JSON.stringify(page)).not.toMatch(/PK|feedSK|authorSK/);
  });

  it('shows the moderation note to the author and to admins', async () => {
    const result = { items: [postItem()], nextToken: null };
    for (const identity of [givenIdentity.user(AUTHOR), givenIdentity.admin()]) {
      const page = thenResult(await whenResponse(FILE, { identity, result }));
      expect(page.items[0].moderationNote).toBe('ok by rules');
    }
    const other = thenResult(await whenResponse(FILE, { identity: givenIdentity.user('someone-else'), result }));
    expect(other.items[0].moderationNote).toBeNull();
    expect(other.nextToken).toBeNull();
  });

  it('turns a data source error into a GraphQL error with its type', async () => {
    const error = { message: 'The provided starting key is invalid', type: 'DynamoDB:ValidationException' };
    thenError(await whenResponse(FILE, { error }), 'DynamoDB:ValidationException', /starting key/);
  });
});
