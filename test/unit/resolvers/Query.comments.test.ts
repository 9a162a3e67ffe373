// Query.comments: a pipeline — 1) the post (may the caller see it? lib/post canSee), 2) one Query of its
// COMMENT# items, skipped with an empty page when the post is hidden from the caller or missing.
import { describe, expect, it } from 'vitest';
import { givenIdentity, thenData, thenError, whenField, whenRequest, whenResponse, thenResult, type Answer } from '../../support/resolver-steps.js';
import type { Identity } from '../../support/resolver-steps.js';
import { AUTHOR, POST_ID, binding, postItem } from './content.fixtures.js';

const comments = binding('Query.comments');

const commentItem = {
  PK: `POST#${POST_ID}`,
  SK: 'COMMENT#C1',
  type: 'COMMENT',
  id: 'C1',
  postId: POST_ID,
  authorId: 'u2',
  authorHandle: 'bob',
  postAuthorId: AUTHOR,
  text: 'nice',
  createdAt: '2026-11-22T11:00:00.000Z',
};
const expectedComment = { id: 'C1', postId: POST_ID, authorId: 'u2', authorHandle: 'bob', text: 'nice', createdAt: '2026-11-22T11:00:00.000Z' };
const page: Answer = { result: { items: [commentItem], nextToken: 'n' } };

function list(identity: Identity, post: Record<string, unknown> | null, args: Record<string, unknown> = {}) {
  return whenField(comments, { args: { postId: POST_ID, ...args }, identity, answers: [{ result: post }, page] });
}

describe('Query.comments', () => {
  it("gets the post (status and author only), then one Query of its COMMENT# items, oldest first", async () => {
    const run = await list(givenIdentity.apiKey(), postItem(), { limit: 5, nextToken: 'tok' });
    expect(thenData(run)).toEqual({ items: [expectedComment], nextToken: 'n' });
    const [get, query] = run.requests.map((r) => r.request);
    expect(get).toMatchObject({
      operation: 'GetItem',
      key: { PK: { S: `POST#${POST_ID}` }, SK: { S: 'POST' } },
      projection: { expressionNames: { '#status': 'status', '#author': 'authorId' } },
    });
    expect(query).toEqual({
      operation: 'Query',
      query: {
        expression: '#pk = :pk AND begins_with(#sk, :sk)',
        expressionNames: { '#pk': 'PK', '#sk': 'SK' },
        expressionValues: { ':pk': { S: `POST#${POST_ID}` }, ':sk': { S: 'COMMENT#' } },
      },
      scanIndexForward: true,
      limit: 5,
      nextToken: 'tok',
    });
    expect(run.requests).toHaveLength(2); // no N+1: one read of the post, one Query
  });

  it.each(['PENDING', 'FLAGGED', 'REJECTED'])('a %s post: the author and admins read its comments', async (status) => {
    for (const who of [givenIdentity.user(AUTHOR), givenIdentity.admin()]) {
      const run = await list(who, postItem({ status }));
      expect(thenData(run).items).toEqual([expectedComment]);
    }
  });

  it.each(['PENDING', 'FLAGGED', 'REJECTED'])('a %s post: anonymous callers and other users get an empty page, no Query', async (status) => {
    for (const who of [givenIdentity.apiKey(), givenIdentity.user('someone-else'), givenIdentity.iam()]) {
      const run = await list(who, postItem({ status }));
      expect(thenData(run)).toEqual({ items: [], nextToken: null });
      expect(run.requests).toHaveLength(1);
    }
  });

  it('a deleted (missing) post: an empty page, as for a hidden one', async () => {
    const run = await list(givenIdentity.admin(), null);
    expect(thenData(run)).toEqual({ items: [], nextToken: null });
    expect(run.requests).toHaveLength(1);
  });

  it('a data source error on either step surfaces with its type', async () => {
    const err = { error: { message: 'throttled', type: 'DynamoDB:ProvisionedThroughputExceededException' } };
    const first = await whenField(comments, { args: { postId: POST_ID }, answers: [err] });
    expect(first.errors[0]).toMatchObject({ errorType: 'DynamoDB:ProvisionedThroughputExceededException' });
    const second = await whenField(comments, { args: { postId: POST_ID }, answers: [{ result: postItem() }, err] });
    expect(second.errors[0]).toMatchObject({ errorType: 'DynamoDB:ProvisionedThroughputExceededException' });
  });

  it('validates postId and limit before any read', async () => {
    thenError(await whenRequest(comments.file, { args: { postId: '' } }), 'ValidationError', /^postId/);
    thenError(await whenRequest(comments.file, { args: { postId: POST_ID, limit: 51 } }), 'ValidationError', /^limit/);
  });

  it('maps comment items to the schema type (no keys, no postAuthorId)', async () => {
    const out = thenResult(await whenResponse('resolvers/Query.comments/2.listComments.ts', { stash: { postId: POST_ID, visible: true }, result: { items: [commentItem] } }));
    expect(out).toEqual({ items: [expectedComment], nextToken: null });
  });
});
