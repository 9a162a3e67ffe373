// Component-test harness: the real generated hooks over a fake transport that answers by operation
// name (and lets a test push subscription data), inside the app's providers.
import type { ReactElement, ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { OperationDefinitionNode } from 'graphql';
import { setTransport, type SubscriptionObserver, type Transport } from '../api/runtime';
import { ApiError } from '../api/errors';
import { AuthContext, type AuthUser } from '../auth/AuthContext';
import { SignInPromptProvider } from '../auth/SignInPrompt';
import { ToastProvider } from '../ui/Toasts';

type Handler = (variables: any) => unknown;

export interface FakeApi extends Transport {
  calls: Array<{ operation: string; variables: any }>;
  /** Push data to every open subscription of this operation. */
  emit(operation: string, data: unknown): void;
  /** Open subscriptions by operation name, with their variables. */
  subscriptions(operation: string): any[];
}

export const operationName = (doc: TypedDocumentNode<any, any>): string =>
  (doc.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode).name!.value;

/** Handlers answer with data, a Promise, or throw an ApiError (as the real transport rejects). */
export function fakeApi(handlers: Record<string, Handler>): FakeApi {
  const calls: FakeApi['calls'] = [];
  const subs: Array<{ operation: string; variables: any; observer: SubscriptionObserver<any> }> = [];
  return {
    calls,
    async request(doc, variables) {
      const operation = operationName(doc);
      calls.push({ operation, variables });
      const handler = handlers[operation];
      if (!handler) throw new ApiError(`fakeApi: no handler for ${operation}`, 'TestSetup');
      return (await handler(variables)) as never;
    },
    subscribe(doc, variables, observer) {
      const entry = { operation: operationName(doc), variables, observer };
      subs.push(entry);
      return () => subs.splice(subs.indexOf(entry), 1);
    },
    emit(operation, data) {
      for (const s of subs.filter((x) => x.operation === operation)) s.observer.next(data);
    },
    subscriptions: (operation) => subs.filter((s) => s.operation === operation).map((s) => s.variables),
  };
}

export const users = {
  alice: { sub: 'sub-alice', username: 'alice', email: 'alice@example.com', isAdmin: false } satisfies AuthUser,
  admin: { sub: 'sub-admin', username: 'admin', email: 'admin@example.com', isAdmin: true } satisfies AuthUser,
};

export function renderApp(ui: ReactElement, { api, user = null }: { api: FakeApi; user?: AuthUser | null }) {
  setTransport(api);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const auth = { status: user ? ('signedIn' as const) : ('signedOut' as const), user, signOut: async () => undefined };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <AuthContext.Provider value={auth}>
        <ToastProvider>
          <SignInPromptProvider>{children}</SignInPromptProvider>
        </ToastProvider>
      </AuthContext.Provider>
    </QueryClientProvider>
  );
  return { ...render(ui, { wrapper }), client };
}

/** A promise the test settles when it wants (to look at the optimistic state in between). */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
