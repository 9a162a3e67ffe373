// The AppSync real-time endpoint, attached to the local AppSync server's HTTP server at /graphql/realtime.
//   const realtime = attachToServer(server);   // the usual way: the server's mutation events drive it
// or, with another host:
//   const realtime = attachRealtime(httpServer, host);          // host: schema + auth + subscription resolver
//   ...for each successful mutation field: realtime.publish(field, unaliasedData);
//   ...for extensions.invalidateSubscriptions(...) recorded by a mutation: realtime.invalidate(field, payload);
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AppSyncServer } from '../server/app.js';
import { serveConnection, type ConnectionOptions, type RealtimeHost, type SubscribeOutcome } from './connections.js';
import type { SubscriberAuth } from './subscriptions.js';
import { REALTIME_PATH, SUBPROTOCOL } from './protocol.js';
import { SubscriptionRegistry } from './subscriptions.js';

export type { RealtimeHost, SubscribeInfo, SubscribeOutcome } from './connections.js';
export type { FieldAccess, SubscriberAuth, SubscriptionEntry, AuthType } from './subscriptions.js';
export { publishedFields, subscribeTriggers, SubscriptionRegistry } from './subscriptions.js';
export { REALTIME_PATH, SUBPROTOCOL } from './protocol.js';

export interface RealtimeOptions extends ConnectionOptions {
  path?: string;
}

export interface Realtime {
  readonly path: string;
  readonly registry: SubscriptionRegistry;
  /** Deliver one mutation field's (un-aliased) response to the subscriptions it triggers; returns messages sent. */
  publish(mutationField: string, payload: unknown): number;
  /** extensions.invalidateSubscriptions({subscriptionField, payload}) recorded by a mutation resolver. */
  invalidate(subscriptionField: string, payload: Record<string, unknown>): number;
  /** Open WebSocket connections. */
  connectionCount(): number;
  /** Close every connection (code 1001) and detach from the HTTP server. */
  close(): Promise<void>;
}

export function attachRealtime(server: Server, host: RealtimeHost, opts: RealtimeOptions = {}): Realtime {
  const path = opts.path ?? REALTIME_PATH;
  const registry = new SubscriptionRegistry(host.schema, host.canAccess);
  const wss = new WebSocketServer({
    noServer: true,
    // Pick graphql-ws when offered; otherwise accept without a subprotocol and refuse with
    // SubProtocolNotSupportedError on connection_init, as AppSync does.
    handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false),
    maxPayload: 256 * 1024,
  });
  wss.on('connection', (socket, req) => serveConnection(socket, req, host, registry, opts));

  const onUpgrade = (req: import('node:http').IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = new URL(req.url ?? '/', 'http://local').pathname.replace(/\/+$/, '');
    if (pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  return {
    path,
    registry,
    publish: (mutationField, payload) => registry.publish(mutationField, payload),
    invalidate: (subscriptionField, payload) => registry.invalidate(subscriptionField, payload),
    connectionCount: () => wss.clients.size,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => {
          for (const client of wss.clients) client.terminate();
          resolve();
        }, 1000);
        deadline.unref();
        wss.close(() => {
          clearTimeout(deadline);
          resolve();
        });
      });
    },
  };
}

// ---------- wiring to the local AppSync server ----------

function lowerCaseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * The RealtimeHost of a running local AppSync server: the same authenticator as /graphql (API key,
 * Cognito JWT, SigV4), the same @aws_* directive rules, and its executor to run Subscription resolvers at
 * subscribe time (util.unauthorized/util.error refuse the subscription; setSubscriptionFilter and
 * setSubscriptionInvalidationFilter are kept with it).
 */
export function realtimeHost(server: Pick<AppSyncServer, 'schema' | 'authenticate' | 'rules' | 'executor'>): RealtimeHost {
  return {
    schema: server.schema,
    async authenticate(headers, meta): Promise<SubscriberAuth | null> {
      try {
        const auth = await server.authenticate({ headers: lowerCaseHeaders(headers), method: 'POST', path: meta.path, body: meta.body, sourceIp: meta.sourceIp });
        return { ...auth, headers };
      } catch {
        return null; // the server's RequestError (401): refused
      }
    },
    canAccess: (typeName, fieldName, auth) => server.rules.allows(auth, typeName, fieldName),
    async subscribe({ field, args, auth, info }): Promise<SubscribeOutcome> {
      const outcome = await server.executor.runField({
        typeName: 'Subscription',
        fieldName: field,
        arguments: args,
        auth,
        headers: lowerCaseHeaders(auth.headers),
        selectionSetList: info.selectionSetList,
        selectionSetGraphQL: info.selectionSetGraphQL,
        variables: info.variables,
      });
      if (!outcome) return {}; // no resolver bound: a plain subscription
      const error = outcome.errors[0];
      if (error) return { error: { message: error.message, errorType: error.errorType ?? undefined } };
      return {
        filter: outcome.extensions.subscriptionFilter,
        invalidationFilter: outcome.extensions.subscriptionInvalidationFilter,
      };
    },
  };
}

/**
 * Serve /graphql/realtime on the local AppSync server and trigger subscriptions from its mutations.
 * `close()` detaches (the HTTP server keeps running until its own close()).
 */
export function attachToServer(server: AppSyncServer, opts: RealtimeOptions = {}): Realtime {
  const realtime = attachRealtime(server.httpServer, realtimeHost(server), opts);
  // The event's data is already un-aliased (see MutationEvent). Invalidations go first: once a mutation
  // revokes a subscription (e.g. a user removed from a group), nothing more reaches it, not even the
  // revoking mutation's own event. (AWS does not document this order; this is the safe reading.)
  const unsubscribe = server.onMutation((event) => {
    for (const { subscriptionField, payload } of event.invalidations) realtime.invalidate(subscriptionField, payload);
    realtime.publish(event.fieldName, event.data);
  });
  return {
    ...realtime,
    async close() {
      unsubscribe();
      await realtime.close();
    },
  };
}
