import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { AUTHOR, POST_ID, expectedPost, postItem } from './content.fixtures.js';

const FILE = 'resolvers/Query.post.ts';

describe('Query.post', () => {
  it('gets the post item by key', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { id: POST_ID }, identity: givenIdentity.apiKey() }));
    expect(request).toEqual({ operation: 'GetItem', key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'POST' } }, consistentRead: false });
  });

  it('refuses an empty id', async () => {
    thenError(await whenRequest(FILE, { args: { id: '' } }), 'ValidationError', /^id: must not be empty/);
  });

  it('returns an approved post to anonymous callers (without the moderation note)', async () => {
    const post = thenResult(await whenResponse(FILE, { identity: givenIdentity.apiKey(), result: postItem() }));
    expect(post).toEqual(expectedPost({ moderationNote: null }));
  });

  it('returns null when the post does not exist', async () => {
    expect(thenResult(await whenResponse(FILE, { result: null }))).toBeNull();
  });

  it.each(['PENDING', 'FLAGGED', 'REJECTED'])('hides a %s post from others but shows it to its author and admins', async (status) => {
    const result = postItem({ status, moderationNote: 'link spam' });
    expect(thenResult(await whenResponse(FILE, { identity: givenIdentity.apiKey(), result }))).toBeNull();
    expect(thenResult(await whenResponse(FILE, { identity: givenIdentity.user('other'), result }))).toBeNull();
    const own = thenResult(await whenResponse(FILE, { identity: givenIdentity.user(AUTHOR), result }));
    expect(own).toMatchObject({ status, moderationNote: 'link spam' });
    const admin = thenResult(await whenResponse(FILE, { identity: givenIdentity.admin(), result }));
    expect(admin).toMatchObject({ status, moderationNote: 'link spam' });
  });
});
