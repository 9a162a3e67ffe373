// The real transport: aws-amplify v6's GraphQL client (HTTP for queries and mutations, the AppSync
// real-time WebSocket for subscriptions). Signed-in callers use their Cognito tokens (`userPool`);
// everyone else browses with the API key, as the schema's @aws_api_key fields allow.
import { generateClient } from 'aws-amplify/api';
import type { GraphQLResult } from 'aws-amplify/api';
import type { Transport } from './runtime';
import { toApiError } from './errors';

export type AuthMode = 'userPool' | 'apiKey';

export function createAmplifyTransport(authMode: () => AuthMode): Transport {
  const client = generateClient();
  // Amplify's overloads infer result types from branded query strings; ours come from TypedDocumentNode,
  // so call it through one plain signature (the document is a plain AST, which Amplify prints).
  const graphql = (options: { query: unknown; variables: unknown; authMode: AuthMode }): unknown => client.graphql(options as never);
  return {
    async request(document, variables) {
      const result = (await graphql({ query: document, variables, authMode: authMode() })) as GraphQLResult<unknown>;
      if (result.errors?.length) throw toApiError(result);
      return result.data as never;
    },
    subscribe(document, variables, observer) {
      const observable = graphql({ query: document, variables, authMode: authMode() }) as {
        subscribe(o: { next(v: { data: unknown }): void; error(e: unknown): void }): { unsubscribe(): void };
      };
      const sub = observable.subscribe({
        next: ({ data }) => observer.next(data as never),
        error: (e) => observer.error(toApiError(e)),
      });
      return () => sub.unsubscribe();
    },
  };
}
