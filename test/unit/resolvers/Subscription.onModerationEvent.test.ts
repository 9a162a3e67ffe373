import { describe, expect, it } from 'vitest';
import { givenIdentity, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const file = 'resolvers/Subscription.onModerationEvent.ts';

describe('Subscription.onModerationEvent', () => {
  it('admins subscribe, with no filter (every admin sees every event)', async () => {
    const out = await whenRequest(file, { identity: givenIdentity.admin() });
    expect(thenResult(out)).toEqual({ payload: null });
    expect(out.extensions.subscriptionFilter).toBeUndefined();
    expect(thenResult(await whenResponse(file, { identity: givenIdentity.admin() }))).toBeNull();
  });

  it('refuses users outside the admins group, anonymous and IAM callers', async () => {
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.user('u1') }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.apiKey() }));
    thenUnauthorized(await whenRequest(file, { identity: givenIdentity.iam() }));
  });
});
