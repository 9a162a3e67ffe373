import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';

const FILE = 'resolvers/Mutation.requestUpload.ts';
const me = givenIdentity.user('u-1');

describe('Mutation.requestUpload', () => {
  it('invokes the uploadTicket Lambda with the caller and the checked input', async () => {
    const request = thenResult(await whenRequest(FILE, { args: { input: { contentType: 'image/webp', size: 1234 } }, identity: me }));
    expect(request).toEqual({ operation: 'Invoke', payload: { sub: 'u-1', contentType: 'image/webp', size: 1234 } });
  });

  it.each(['image/jpeg', 'image/png', 'image/webp', 'image/gif'])('accepts %s', async (contentType) => {
    expect((await whenRequest(FILE, { args: { input: { contentType, size: 1 } }, identity: me })).error).toBeUndefined();
  });

  it('refuses other content types, naming the field', async () => {
    for (const contentType of ['image/svg+xml', 'text/html', 'IMAGE/PNG', '']) {
      thenError(await whenRequest(FILE, { args: { input: { contentType, size: 10 } }, identity: me }), 'ValidationError', /^contentType: must be one of/);
    }
  });

  it('refuses sizes outside 1 byte..10 MiB', async () => {
    for (const size of [0, -5, 10 * 1024 * 1024 + 1]) {
      thenError(await whenRequest(FILE, { args: { input: { contentType: 'image/png', size } }, identity: me }), 'ValidationError', /^size: /);
    }
    expect((await whenRequest(FILE, { args: { input: { contentType: 'image/png', size: 10 * 1024 * 1024 } }, identity: me })).error).toBeUndefined();
  });

  it('anonymous callers cannot upload', async () => {
    thenUnauthorized(await whenRequest(FILE, { args: { input: { contentType: 'image/png', size: 10 } }, identity: givenIdentity.apiKey() }));
  });

  it("returns the function's ticket, and passes a function error on", async () => {
    const ticket = { uploadId: 'U', url: 'http://s3/b', fields: '{}', maxBytes: 10, expiresAt: '2026-11-22T10:05:00.000Z' };
    expect(thenResult(await whenResponse(FILE, { result: ticket }))).toEqual(ticket);
    thenError(await whenResponse(FILE, { error: { message: 'boom', type: 'Lambda:Unhandled' } }), 'Lambda:Unhandled', 'boom');
  });
});
