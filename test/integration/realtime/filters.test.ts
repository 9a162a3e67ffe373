// Filter semantics and payload projection, on the real schema.
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { matchesArguments, matchesFilter, matchesSubscriptionFilter, shouldDeliver } from '../../../infra/local/realtime/filters.js';
import { publishedFields, subscribeTriggers, SubscriptionRegistry, type SubscriptionEntry } from '../../../infra/local/realtime/subscriptions.js';
import type { ServerMessage } from '../../../infra/local/realtime/protocol.js';

const schema = buildSchema(readFileSync('infra/appsync-builtins.graphql', 'utf8') + readFileSync('schema.graphql', 'utf8'));
const f = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });

describe('enhanced filter operators', () => {
  const payload = { n: 5, s: 'hello world', tags: ['a', 'b'], nested: { kind: 'LIKE' }, flag: true, nothing: null };
  it.each([
    [f('n', 'eq', 5), true], [f('n', 'eq', 6), false], [f('n', 'ne', 6), true], [f('n', 'ne', 5), false],
    [f('n', 'lt', 6), true], [f('n', 'lt', 5), false], [f('n', 'le', 5), true], [f('n', 'gt', 4), true],
    [f('n', 'gt', 5), false], [f('n', 'ge', 5), true], [f('s', 'gt', 'a'), true], [f('n', 'gt', '4'), false],
    [f('s', 'contains', 'lo w'), true], [f('s', 'contains', 'xyz'), false], [f('tags', 'contains', 'b'), true],
    [f('s', 'notContains', 'xyz'), true], [f('tags', 'notContains', 'a'), false], [f('missing', 'notContains', 'a'), false],
    [f('s', 'beginsWith', 'hell'), true], [f('s', 'beginsWith', 'world'), false], [f('n', 'beginsWith', '5'), false],
    [f('n', 'in', [1, 5]), true], [f('n', 'in', [1, 2]), false], [f('n', 'notIn', [1, 2]), true], [f('n', 'notIn', [5]), false],
    [f('n', 'between', [5, 9]), true], [f('n', 'between', [6, 9]), false], [f('n', 'between', [1, 5]), true],
    [f('tags', 'containsAny', ['x', 'b']), true], [f('tags', 'containsAny', ['x', 'y']), false],
    [f('nested.kind', 'eq', 'LIKE'), true], [f('nested.kind.deeper', 'eq', 'LIKE'), false], [f('flag', 'eq', true), true],
    [f('nothing', 'eq', null), true], [f('missing', 'eq', null), true], [f('missing', 'ne', 'x'), true], [f('n', 'bogus', 5), false],
  ])('%j → %s', (filter, expected) => {
    expect(matchesFilter(payload, filter)).toBe(expected);
  });

  it('ORs groups and ANDs the filters of a group', () => {
    const filter = { filterGroup: [{ filters: [f('n', 'eq', 5), f('s', 'eq', 'nope')] }, { filters: [f('flag', 'eq', true)] }] };
    expect(matchesSubscriptionFilter(payload, filter)).toBe(true);
    expect(matchesSubscriptionFilter({ ...payload, flag: false }, filter)).toBe(false);
    expect(matchesSubscriptionFilter(payload, { filterGroup: [] })).toBe(true);
  });
});

describe('argument filtering', () => {
  it('requires every set argument to equal the same-named field; null arguments are ignored', () => {
    expect(matchesArguments({ userId: 'u1', kind: 'X' }, { userId: 'u1' })).toBe(true);
    expect(matchesArguments({ userId: 'u2' }, { userId: 'u1' })).toBe(false);
    expect(matchesArguments({ userId: 'u2' }, { userId: null })).toBe(true);
    expect(matchesArguments({ other: 1 }, { userId: 'u1' })).toBe(false); // the mutation did not select it
    expect(matchesArguments({ count: 7 }, { count: '7' })).toBe(true);
  });
  it('an enhanced filter replaces the argument filter', () => {
    const filter = { filterGroup: [{ filters: [f('userId', 'eq', 'u2')] }] };
    expect(shouldDeliver({ userId: 'u2' }, { userId: 'u1' }, filter)).toBe(true);
  });
});

describe('triggers and projection', () => {
  it('reads @aws_subscribe from the schema', () => {
    const triggers = subscribeTriggers(schema);
    expect(triggers.get('likePost')).toEqual(['onPostCounts']);
    expect(triggers.get('unlikePost')).toEqual(['onPostCounts']);
    expect(triggers.get('publishNotification')).toEqual(['onNotification']);
    expect(triggers.get('createPost')).toBeUndefined();
  });

  it('publishes successful mutation fields un-aliased, skipping failed ones', () => {
    const document = parse('mutation M { a: likePost(postId: "p1") { id: postId likeCount } b: unlikePost(postId: "p2") { postId } }');
    const published = publishedFields(document, 'M', {
      data: { a: { id: 'p1', likeCount: 3 }, b: null },
      errors: [{ path: ['b'] }],
    });
    expect(published).toEqual([{ mutationField: 'likePost', payload: { postId: 'p1', likeCount: 3 } }]);
    expect(publishedFields(parse('query { feed { nextToken } }'), undefined, { data: { feed: { nextToken: null } } })).toEqual([]);
  });

  function entry(query: string, over: Partial<SubscriptionEntry> = {}): SubscriptionEntry & { sent: ServerMessage[] } {
    const sent: ServerMessage[] = [];
    return {
      connectionId: 'c', id: 's1', field: 'onPostCounts', args: { postId: 'p1' }, document: parse(query), variables: {},
      auth: { mode: 'API_KEY', identity: null, headers: {} }, send: (m) => sent.push(m), sent, ...over,
    };
  }

  it('gives subscribers only what they selected; unselected-by-mutation nullable fields are null', () => {
    const registry = new SubscriptionRegistry(schema);
    const sub = entry('subscription { onPostCounts(postId: "p1") { postId total: likeCount } }');
    const other = entry('subscription { onPostCounts(postId: "p2") { postId } }', { id: 's2', args: { postId: 'p2' } });
    registry.add(sub);
    registry.add(other);
    expect(registry.publish('likePost', { postId: 'p1', likeCount: 4, commentCount: 1, liked: true })).toBe(1);
    expect(sub.sent).toEqual([{ type: 'data', id: 's1', payload: { data: { onPostCounts: { postId: 'p1', total: 4 } } } }]);
    expect(other.sent).toEqual([]);
  });

  it('a non-null field the mutation did not select nulls the subscription field with an error, as AWS does', () => {
    const registry = new SubscriptionRegistry(schema);
    const sub = entry('subscription { onPostCounts(postId: "p1") { postId commentCount } }');
    registry.add(sub);
    registry.publish('likePost', { postId: 'p1', likeCount: 4 });
    const msg = sub.sent[0] as Extract<ServerMessage, { type: 'data' }>;
    expect(msg.payload.data).toEqual({ onPostCounts: null });
    expect(msg.payload.errors?.[0]).toMatchObject({ path: ['onPostCounts', 'commentCount'] });
  });

  it('fields the subscriber may not read are null with an Unauthorized error', () => {
    const registry = new SubscriptionRegistry(schema, (type, field) => !(type === 'Notification' && field === 'balance'));
    const sub = entry('subscription { onNotification(userId: "u1") { id balance } }', { field: 'onNotification', args: { userId: 'u1' } });
    registry.add(sub);
    registry.publish('publishNotification', { id: 'n1', userId: 'u1', balance: 12 });
    const msg = sub.sent[0] as Extract<ServerMessage, { type: 'data' }>;
    expect(msg.payload.data).toEqual({ onNotification: { id: 'n1', balance: null } });
    expect(msg.payload.errors?.[0]).toMatchObject({ errorType: 'Unauthorized', message: 'Not Authorized to access balance on type Notification' });
  });

  it('invalidation closes matching subscriptions with complete', () => {
    const registry = new SubscriptionRegistry(schema);
    const sub = entry('subscription { onPostCounts(postId: "p1") { postId } }', {
      invalidationFilter: { filterGroup: [{ filters: [f('postId', 'eq', 'p1')] }] },
    });
    registry.add(sub);
    expect(registry.invalidate('onPostCounts', { postId: 'p9' })).toBe(0);
    expect(registry.invalidate('onPostCounts', { postId: 'p1' })).toBe(1);
    expect(sub.sent).toEqual([{ type: 'complete', id: 's1' }]);
    expect(registry.publish('likePost', { postId: 'p1', likeCount: 1 })).toBe(0);
  });
});
