// What the generated hooks (./generated/hooks.ts) run on: one transport for requests and
// subscriptions. The app uses the aws-amplify v6 client (./amplify-transport.ts); component tests
// install a fake with setTransport, so the very same generated hooks run in both.
import { useEffect, useRef, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { InfiniteData, UseInfiniteQueryOptions, UseMutationOptions, UseQueryOptions } from '@tanstack/react-query';
import { ApiError, toApiError } from './errors';

export interface SubscriptionObserver<R> {
  next(data: R): void;
  error(err: ApiError): void;
}

export interface Transport {
  request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R>;
  /** Starts a subscription; the returned function stops it. */
  subscribe<R, V>(document: TypedDocumentNode<R, V>, variables: V, observer: SubscriptionObserver<R>): () => void;
}

let transport: Transport | null = null;

export function setTransport(next: Transport | null): void {
  transport = next;
}

function current(): Transport {
  if (!transport) throw new ApiError('The API client is not configured yet', 'NotConfigured');
  return transport;
}

export async function request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  try {
    return await current().request(document, variables);
  } catch (err) {
    throw toApiError(err);
  }
}

export type QueryHookOptions<R> = Omit<UseQueryOptions<R, ApiError>, 'queryKey' | 'queryFn'>;
export type InfiniteHookOptions<R> = Omit<
  UseInfiniteQueryOptions<R, ApiError, InfiniteData<R, string | null>, readonly unknown[], string | null>,
  'queryKey' | 'queryFn' | 'initialPageParam' | 'getNextPageParam'
>;
export type MutationHookOptions<R, V, C = unknown> = Omit<UseMutationOptions<R, ApiError, V, C>, 'mutationFn' | 'mutationKey'>;

export interface SubscriptionHookOptions<R> {
  /** Default true; false (e.g. while signed out) keeps it closed. */
  enabled?: boolean;
  onData(data: R): void;
  onError?(err: ApiError): void;
}

export type SubscriptionStatus = 'idle' | 'open' | 'error';

/** Keeps one subscription open while mounted and enabled; reopens when the variables change. */
export function useSubscription<R, V>(document: TypedDocumentNode<R, V>, variables: V, options: SubscriptionHookOptions<R>) {
  const { enabled = true } = options;
  const handlers = useRef(options);
  handlers.current = options;
  const [state, setState] = useState<{ status: SubscriptionStatus; error: ApiError | null }>({ status: 'idle', error: null });
  const key = JSON.stringify(variables);

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'idle', error: null });
      return undefined;
    }
    let stop: (() => void) | undefined;
    try {
      stop = current().subscribe(document, JSON.parse(key) as V, {
        next: (data) => handlers.current.onData(data),
        error: (err) => {
          const e = toApiError(err);
          setState({ status: 'error', error: e });
          handlers.current.onError?.(e);
        },
      });
      setState({ status: 'open', error: null });
    } catch (err) {
      setState({ status: 'error', error: toApiError(err) });
    }
    return () => stop?.();
  }, [document, key, enabled]);

  return state;
}
