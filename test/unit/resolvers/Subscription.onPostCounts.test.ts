import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';

describe('Subscription.onPostCounts', () => {
  const FILE = 'resolvers/Subscription.onPostCounts.ts';

  it('is open to anonymous viewers and users, filtered on the post id', async () => {
    for (const identity of [givenIdentity.apiKey(), givenIdentity.user('u-1')]) {
      expect(thenResult(await whenRequest(FILE, { args: { postId: 'P1' }, identity }))).toEqual({ payload: null });
      const outcome = await whenResponse(FILE, { args: { postId: 'P1' }, identity, result: null });
      expect(outcome.extensions.subscriptionFilter).toEqual({
        filterGroup: [{ filters: [{ fieldName: 'postId', operator: 'eq', value: 'P1' }] }],
      });
    }
  });

  it('validates postId', async () => {
    const outcome = await whenRequest(FILE, { args: { postId: '' }, identity: givenIdentity.apiKey() });
    expect(outcome.error).toMatchObject({ errorType: 'ValidationError', message: 'postId: must not be empty' });
  });
});
