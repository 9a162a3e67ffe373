import { describe, expect, it } from 'vitest';
import { givenIdentity, thenError, thenResult, thenUnauthorized, whenRequest, whenResponse } from '../../support/resolver-steps.js';
import { flaggedPost } from './moderation.fixtures.js';

const dir = 'resolvers/Mutation.moderatePost';
const admin = givenIdentity.admin('a1');
const now = '2026-11-22T12:00:00.000Z';
const stashFor = (decision: string, note: string | null = null) => ({
  adminId: 'a1', postId: 'p1', decision, note, now, nowSeconds: 1_800_000_000, post: flaggedPost,
});
const attrNames = (update: any) => JSON.stringify(update);

describe('Mutation.moderatePost — before handler', () => {
  it('stashes the admin, post id, decision and trimmed note', async () => {
    const out = await whenRequest(`${dir}/index.ts`, { identity: admin, args: { input: { postId: 'p1', decision: 'REJECT', note: '  spam  ' } } });
    thenResult(out);
    expect(out.stash).toMatchObject({ adminId: 'a1', postId: 'p1', decision: 'REJECT', note: 'spam' });
  });

  it('an empty note is no note', async () => {
    const out = await whenRequest(`${dir}/index.ts`, { identity: admin, args: { input: { postId: 'p1', decision: 'APPROVE', note: '' } } });
    expect(out.stash.note).toBeNull();
  });

  it('validates the note length, the decision and the post id', async () => {
    thenError(await whenRequest(`${dir}/index.ts`, { identity: admin, args: { input: { postId: 'p1', decision: 'APPROVE', note: 'x'.repeat(501) } } }), 'ValidationError', 'note: must be at most 500 characters');
    thenError(await whenRequest(`${dir}/index.ts`, { identity: admin, args: { input: { postId: 'p1', decision: 'BAN' } } }), 'ValidationError', /^decision:/);
    thenError(await whenRequest(`${dir}/index.ts`, { identity: admin, args: { input: { postId: '', decision: 'APPROVE' } } }), 'ValidationError', /^postId:/);
  });

  it('refuses non-admins: a user, another group, anonymous, IAM', async () => {
    const args = { input: { postId: 'p1', decision: 'APPROVE' } };
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.user('u1'), args }));
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.user('u1', { groups: ['moderators'] }), args }));
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.apiKey(), args }));
    thenUnauthorized(await whenRequest(`${dir}/index.ts`, { identity: givenIdentity.iam(), args }));
  });
});

describe('Mutation.moderatePost — 1. post', () => {
  it('reads the post consistently; NotFound when it does not exist', async () => {
    const req = thenResult(await whenRequest(`${dir}/1.getPost.ts`, { stash: stashFor('APPROVE') }));
    expect(req).toMatchObject({ operation: 'GetItem', consistentRead: true, key: { PK: { S: 'POST#p1' }, SK: { S: 'POST' } } });
    thenError(await whenResponse(`${dir}/1.getPost.ts`, { stash: stashFor('APPROVE'), result: null }), 'NotFound', /postId/);
    expect((await whenResponse(`${dir}/1.getPost.ts`, { stash: { postId: 'p1' }, result: flaggedPost })).stash.post).toEqual(flaggedPost);
  });
});

describe('Mutation.moderatePost — 2. decision', () => {
  it('APPROVE: feed keys set, queue keys removed, authorSK rewritten, guarded by the status read', async () => {
    const req = thenResult(await whenRequest(`${dir}/2.decide.ts`, { stash: stashFor('APPROVE') }));
    const [post, audit, notif] = req.transactItems;
    expect(post.operation).toBe('UpdateItem');
    const values = Object.values(post.update.expressionValues).map((v: any) => v.S);
    expect(values).toEqual(expect.arrayContaining(['APPROVED', 'FEED', '2026-11-22T10:00:00.000Z#p1', 'APPROVED#p1']));
    expect(post.update.expression).toMatch(/REMOVE/);
    const removed = attrNames(post.update);
    for (const name of ['queuePK', 'queueSK', 'moderationNote']) expect(removed).toContain(name);
    expect(Object.values(post.condition.expressionValues)).toEqual([{ S: 'FLAGGED' }]);
    expect(audit.key.PK).toEqual({ S: 'AUDIT#2026-11-22' });
    expect(audit.attributeValues).toMatchObject({ postId: { S: 'p1' }, adminId: { S: 'a1' }, decision: { S: 'APPROVE' } });
    expect(notif.key.PK).toEqual({ S: 'USER#u1' });
    expect(notif.key.SK.S).toMatch(/^NOTIF#/);
    expect(notif.attributeValues).toMatchObject({ kind: { S: 'POST_APPROVED' }, read: { BOOL: false }, expiresAt: { N: 1_800_000_000 + 30 * 86400 } });
  });

  it('APPROVE of a reported post resets reportCount to 0 (the REPORT# items are not touched); REJECT leaves it', async () => {
    const reported = { ...flaggedPost, status: 'APPROVED', reportCount: 3, authorSK: 'APPROVED#p1' };
    const setsOf = (update: any) => {
      const [sets] = String(update.expression).replace(/^SET /, '').split(' REMOVE ');
      return Object.fromEntries(sets.split(', ').map((pair: string) => {
        const [name, value] = pair.split(' = ');
        return [update.expressionNames[name], update.expressionValues[value]];
      }));
    };
    const approve = thenResult(await whenRequest(`${dir}/2.decide.ts`, { stash: { ...stashFor('APPROVE'), post: reported } }));
    expect(approve.transactItems).toHaveLength(3);
    expect(approve.transactItems.some((i: any) => String(i.key.SK.S).startsWith('REPORT#'))).toBe(false);
    expect(setsOf(approve.transactItems[0].update)).toMatchObject({ status: { S: 'APPROVED' }, reportCount: { N: 0 } });
    const reject = thenResult(await whenRequest(`${dir}/2.decide.ts`, { stash: { ...stashFor('REJECT'), post: reported } }));
    expect(attrNames(reject.transactItems[0].update)).not.toContain('reportCount');

    const shown = thenResult(
      await whenResponse(`${dir}/2.decide.ts`, { stash: { ...stashFor('APPROVE'), post: reported, changes: { status: 'APPROVED', note: null } }, result: { keys: [] } }),
    );
    expect(shown).toMatchObject({ status: 'APPROVED', reportCount: 0 });
    const kept = thenResult(
      await whenResponse(`${dir}/2.decide.ts`, { stash: { ...stashFor('REJECT'), post: reported, changes: { status: 'REJECTED', note: null } }, result: { keys: [] } }),
    );
    expect(kept).toMatchObject({ status: 'REJECTED', reportCount: 3 });
  });

  it('REJECT: feed and queue keys removed, REJECTED status, note written and sent to the author', async () => {
    const req = thenResult(await whenRequest(`${dir}/2.decide.ts`, { stash: stashFor('REJECT', 'nudity') }));
    const [post, audit, notif] = req.transactItems;
    const values = Object.values(post.update.expressionValues).map((v: any) => v.S);
    expect(values).toEqual(expect.arrayContaining(['REJECTED', 'REJECTED#p1', 'nudity']));
    expect(values).not.toContain('FEED');
    for (const name of ['feedPK', 'feedSK', 'queuePK', 'queueSK']) expect(attrNames(post.update)).toContain(name);
    expect(audit.attributeValues.note).toEqual({ S: 'nudity' });
    expect(notif.attributeValues.kind).toEqual({ S: 'POST_REJECTED' });
    expect(notif.attributeValues.message.S).toContain('nudity');
  });

  it('returns the post as it now is', async () => {
    const approved = thenResult(await whenResponse(`${dir}/2.decide.ts`, { stash: { ...stashFor('APPROVE'), changes: { status: 'APPROVED', note: null } }, result: { keys: [] } }));
    expect(approved).toMatchObject({ id: 'p1', status: 'APPROVED', moderationNote: null });
    expect(approved.media.variants[0].url).toBe('https://media.example.test/media/p1/320.webp');
    const rejected = thenResult(await whenResponse(`${dir}/2.decide.ts`, { stash: { ...stashFor('REJECT'), changes: { status: 'REJECTED', note: null } }, result: { keys: [] } }));
    expect(rejected).toMatchObject({ status: 'REJECTED', moderationNote: 'link spam' });
  });

  it('Conflict when the post changed since it was read; other errors pass on', async () => {
    const reasons = (first: string) => ({
      error: { message: 'Transaction cancelled', type: 'DynamoDB:TransactionCanceledException' },
      result: { keys: null, cancellationReasons: [{ type: first, message: null }, { type: 'None' }, { type: 'None' }] },
    });
    thenError(await whenResponse(`${dir}/2.decide.ts`, { stash: stashFor('APPROVE'), ...reasons('ConditionalCheckFailed') }), 'Conflict', /changed/);
    thenError(await whenResponse(`${dir}/2.decide.ts`, { stash: stashFor('APPROVE'), ...reasons('TransactionConflict') }), 'DynamoDB:TransactionCanceledException');
  });
});
