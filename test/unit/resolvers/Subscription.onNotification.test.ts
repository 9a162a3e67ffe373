import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

describe('Subscription.onNotification', () => {
  const FILE = 'resolvers/Subscription.onNotification.ts';

  it('lets users subscribe to their own notifications (NONE data source payload)', async () => {
    expect(thenResult(await whenRequest(FILE, { args: { userId: 'u-1' }, identity: givenIdentity.user('u-1') }))).toEqual({ payload: null });
  });

  it("refuses someone else's notifications, even for admins", async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { userId: 'u-2' }, identity: givenIdentity.user('u-1') }));
    thenUnauthorized(await whenRequest(FILE, { args: { userId: 'u-2' }, identity: givenIdentity.admin() }));
  });

  it('refuses API key and IAM callers', async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { userId: 'u-1' }, identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(FILE, { args: { userId: 'u-1' }, identity: givenIdentity.iam() }));
  });

  it("sets an enhanced filter on the caller's id", async () => {
    const outcome = await whenResponse(FILE, { args: { userId: 'u-1' }, identity: givenIdentity.user('u-1'), result: null });
    expect(thenResult(outcome)).toBeNull();
    expect(outcome.extensions.subscriptionFilter).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'userId', operator: 'eq', value: 'u-1' }] }],
    });
  });
});
