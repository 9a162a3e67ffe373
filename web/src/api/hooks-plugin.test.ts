// The project's codegen plugin: one typed hook per operation, paging hooks for connections, and the
// generated file in the repository matches what the plugin makes from the operations today.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse } from 'graphql';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const plugin = require('../../codegen/hooks-plugin.cjs') as {
  plugin(schema: unknown, documents: Array<{ location: string; document: ReturnType<typeof parse> }>, config: Record<string, unknown>): string;
};
const schema = buildSchema('type Query { a: Int }');
const gen = (source: string) => plugin.plugin(schema, [{ location: 'ops.graphql', document: parse(source) }], {});

describe('hooks-plugin', () => {
  it('makes a query hook with its cache key, and a paging hook when the query takes and selects nextToken', () => {
    const out = gen('query Feed($limit: Int, $nextToken: String) { feed(limit: $limit, nextToken: $nextToken) { items { id } nextToken } }');
    expect(out).toContain('export const feedQueryKey = (variables?: T.FeedQueryVariables)');
    expect(out).toContain('export function useFeedQuery(variables: T.FeedQueryVariables = {}, options?: QueryHookOptions<T.FeedQuery>)');
    expect(out).toContain("export function useFeedInfiniteQuery(variables: Omit<T.FeedQueryVariables, 'nextToken'> = {}");
    expect(out).toContain('getNextPageParam: (page: T.FeedQuery) => page.feed.nextToken ?? undefined');
    expect(out).toContain("export const feedInfiniteQueryKey = (variables: Omit<T.FeedQueryVariables, 'nextToken'>) => [...feedQueryKey(");
    expect(out).toContain('queryKey: feedInfiniteQueryKey(variables),');
  });

  it('requires variables when one is non-null, and makes no paging hook without a connection', () => {
    const out = gen('query Post($id: ID!) { post(id: $id) { id } }');
    expect(out).toContain('export function usePostQuery(variables: T.PostQueryVariables, options');
    expect(out).not.toContain('usePostInfiniteQuery');
  });

  it('makes mutation and subscription hooks', () => {
    const out = gen('mutation LikePost($postId: ID!) { likePost(postId: $postId) { likeCount } } subscription OnX { onX { id } }');
    expect(out).toContain('export function useLikePostMutation<C = unknown>(options?: MutationHookOptions<T.LikePostMutation, T.LikePostMutationVariables, C>)');
    expect(out).toContain('request(T.LikePostDocument, variables)');
    expect(out).toContain('export function useOnXSubscription(variables: T.OnXSubscriptionVariables = {}, options: SubscriptionHookOptions<T.OnXSubscription>)');
  });

  it('refuses anonymous operations with the file named', () => {
    expect(() => gen('query { a }')).toThrow('hooks-plugin: ops.graphql: every operation needs a name');
  });

  it('has a hook in the generated file for every operation in web/src/api/operations', () => {
    const dir = path.join(here, 'operations');
    const names = readdirSync(dir)
      .flatMap((f) => parse(readFileSync(path.join(dir, f), 'utf8')).definitions)
      .flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [`use${d.name.value}${d.operation[0].toUpperCase()}${d.operation.slice(1)}`] : []));
    const generated = readFileSync(path.join(here, 'generated/hooks.ts'), 'utf8');
    expect(names.length).toBeGreaterThan(25);
    for (const hook of names) expect(generated).toContain(`export function ${hook}`);
  });
});
