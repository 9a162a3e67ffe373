import { describe, expect, it } from 'vitest';
import {
  givenCancelledTransaction,
  givenIdentity,
  thenData,
  thenError,
  thenFieldError,
  thenUnauthorized,
  whenField,
  whenRequest,
} from '../../support/resolver-steps.js';
import { binding } from './content.fixtures.js';

const createPost = binding('Mutation.createPost');
const me = givenIdentity.user('u-1', { username: 'ada_l' });
const media = {
  width: 800,
  height: 600,
  placeholder: 'data:image/webp;base64,BBBB',
  variants: [{ width: 320, height: 240, key: 'media/up-1/320.webp' }],
};
const readyUpload = { PK: 'USER#u-1', SK: 'UPLOAD#up-1', id: 'up-1', status: 'READY', media };
const args = { input: { uploadId: 'up-1', caption: '  golden hour  ' } };

describe('Mutation.createPost', () => {
  it('publishes a PENDING post from a READY upload in one transaction with the upload marked used', async () => {
    const run = await whenField(createPost, {
      args,
      identity: me,
      answers: [{ result: readyUpload }, { result: { handle: 'ada' } }, { result: { keys: [] } }],
    });
    const post = thenData(run);
    expect(post).toMatchObject({
      authorId: 'u-1',
      authorHandle: 'ada',
      caption: 'golden hour',
      status: 'PENDING',
      likeCount: 0,
      commentCount: 0,
      moderationNote: null,
      media: { width: 800, height: 600, variants: [{ width: 320, height: 240, url: 'https://media.example.test/media/up-1/320.webp' }] },
    });
    expect(post.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);

    const [getUpload, getProfile, write] = run.requests.map((r) => r.request);
    expect(getUpload).toMatchObject({ key: { PK: { S: 'USER#u-1' }, SK: { S: 'UPLOAD#up-1' } }, consistentRead: true });
    expect(getProfile).toMatchObject({ key: { PK: { S: 'USER#u-1' }, SK: { S: 'PROFILE' } } });
    const [putPost, markUpload, countPost] = write.transactItems;
    expect(putPost).toMatchObject({
      operation: 'PutItem',
      key: { PK: { S: `POST#${post.id}` }, SK: { S: 'POST' } },
      attributeValues: {
        status: { S: 'PENDING' },
        authorPK: { S: 'USER#u-1' },
        authorSK: { S: `PENDING#${post.id}` },
        likeCount: { N: 0 },
      },
      condition: { expression: 'attribute_not_exists(PK)' },
    });
    // no feed or queue keys until moderation decides
    expect(putPost.attributeValues).not.toHaveProperty('feedPK');
    expect(putPost.attributeValues).not.toHaveProperty('queuePK');
    expect(markUpload).toMatchObject({
      operation: 'UpdateItem',
      key: { SK: { S: 'UPLOAD#up-1' } },
      condition: { expression: '#status = :ready AND attribute_not_exists(#postId)' },
    });
    expect(countPost.update.expression).toMatch(/ADD postCount :one$/);
    expect(countPost.update.expression).toContain('if_not_exists(#phandle, :phandle)');
  });

  it('falls back to the Cognito username when the caller has no profile yet', async () => {
    const run = await whenField(createPost, { args, identity: me, answers: [{ result: readyUpload }, { result: null }, { result: {} }] });
    expect(thenData(run).authorHandle).toBe('ada_l');
  });

  it('a missing upload is NotFound', async () => {
    thenFieldError(await whenField(createPost, { args, identity: me, answers: [{ result: null }] }), 'NotFound', 'upload up-1 not found');
  });

  it('an upload still being processed is MediaNotReady', async () => {
    const run = await whenField(createPost, { args, identity: me, answers: [{ result: { ...readyUpload, status: 'PENDING' } }] });
    thenFieldError(run, 'MediaNotReady', /still being processed/);
  });

  it('a rejected upload is a ValidationError carrying the reason', async () => {
    const run = await whenField(createPost, {
      args,
      identity: me,
      answers: [{ result: { ...readyUpload, status: 'REJECTED', reason: 'not an image' } }],
    });
    thenFieldError(run, 'ValidationError', 'uploadId: the image was rejected: not an image');
  });

  it('an upload already used is a Conflict (before writing, and when a concurrent call wins)', async () => {
    const used = await whenField(createPost, { args, identity: me, answers: [{ result: { ...readyUpload, postId: 'P0' } }] });
    thenFieldError(used, 'Conflict', /already used for post P0/);
    const raced = await whenField(createPost, {
      args,
      identity: me,
      answers: [{ result: readyUpload }, { result: null }, givenCancelledTransaction('None', 'ConditionalCheckFailed', 'None')],
    });
    thenFieldError(raced, 'Conflict', /already used/);
  });

  it('validates the caption (at most 280 characters) and the upload id', async () => {
    const long = { input: { uploadId: 'up-1', caption: 'x'.repeat(281) } };
    thenError(await whenRequest(createPost.file, { args: long, identity: me }), 'ValidationError', 'caption: must be at most 280 characters');
    const ok = { input: { uploadId: 'up-1', caption: '📷'.repeat(280) } };
    expect((await whenRequest(createPost.file, { args: ok, identity: me })).error).toBeUndefined();
    thenError(await whenRequest(createPost.file, { args: { input: { uploadId: '', caption: '' } }, identity: me }), 'ValidationError', /^uploadId/);
  });

  it('is for signed-in users only', async () => {
    thenUnauthorized(await whenRequest(createPost.file, { args, identity: givenIdentity.apiKey() }));
  });
});
