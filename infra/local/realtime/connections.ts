// One WebSocket connection speaking AppSync's real-time protocol: connection auth, connection_init/ack,
// keep-alives, start (auth that subscription's own headers, validate, run the subscription resolver,
// register) / stop, and errors shaped as AppSync sends them. A bad frame gets an `error` message; the
// connection and the server stay up.
import type { IncomingMessage } from 'node:http';
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
} from 'graphql';
import type { WebSocket } from 'ws';
import { documentParser, type ParsedDocument } from '../server/documents.js';
import type { SubscriptionFilter } from './filters.js';
import {
  CONNECTION_TIMEOUT_MS,
  KEEP_ALIVE_MS,
  MAX_SUBSCRIPTIONS_PER_CONNECTION,
  SUBPROTOCOL,
  connectionHeaders,
  errors,
  parseClientMessage,
  parseSubscriptionRequest,
  type ProtocolError,
  type ServerMessage,
} from './protocol.js';
import type { FieldAccess, SubscriberAuth, SubscriptionRegistry } from './subscriptions.js';

export interface SubscribeInfo {
  fieldName: string;
  parentTypeName: 'Subscription';
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

export interface SubscribeOutcome {
  /** util.error / util.unauthorized in the subscription resolver: the subscription is refused */
  error?: { message: string; errorType?: string };
  filter?: SubscriptionFilter;
  invalidationFilter?: SubscriptionFilter;
}

/** What the realtime endpoint needs from the AppSync server it is attached to. */
export interface RealtimeHost {
  schema: GraphQLSchema;
  /**
   * Auth headers (as an HTTP request would carry them) → the auth mode and identity; null when refused.
   * `path`/`body` are what an IAM client signed: Amplify signs POST <endpoint>/connect with body "{}" for
   * the connection, and POST <endpoint> with the start message's payload.data for a subscription.
   */
  authenticate(headers: Record<string, string>, meta: { sourceIp: string; path: string; body: string }): Promise<SubscriberAuth | null>;
  /** The @aws_* directive rules: may this caller read Type.field? Default: yes. */
  canAccess?: FieldAccess;
  /** Run the Subscription field's resolver, if the API binds one, at subscribe time (AppSync does). */
  subscribe?(input: { field: string; args: Record<string, unknown>; auth: SubscriberAuth; info: SubscribeInfo }): Promise<SubscribeOutcome>;
}

export interface ConnectionOptions {
  keepAliveMs?: number;
  connectionTimeoutMs?: number;
  /** Called for unexpected failures (logged by the caller); the connection answers with InternalFailure. */
  onError?: (err: unknown) => void;
}

// One parsed-document cache per schema: a query text validated against one API says nothing about another.
const parsers = new WeakMap<GraphQLSchema, (query: string) => ParsedDocument>();
function parseDocument(schema: GraphQLSchema, query: string): ParsedDocument {
  let parser = parsers.get(schema);
  if (!parser) parsers.set(schema, (parser = documentParser(schema, 500)));
  return parser(query);
}

/** selectionSetList as AppSync gives it: field paths below the subscription field, e.g. ["id", "media/width"]. */
function selectionList(field: FieldNode, document: DocumentNode): string[] {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d] as const] : [])));
  const out: string[] = [];
  const walk = (node: { selectionSet?: FieldNode['selectionSet'] }, prefix: string): void => {
    for (const sel of node.selectionSet?.selections ?? []) {
      if (sel.kind === 'Field') {
        if (sel.name.value === '__typename') continue;
        const path = prefix + (sel.alias?.value ?? sel.name.value);
        out.push(path);
        walk(sel, `${path}/`);
      } else if (sel.kind === 'InlineFragment') {
        walk(sel, prefix);
      } else {
        const fragment = fragments.get(sel.name.value);
        if (fragment) walk(fragment, prefix);
      }
    }
  };
  walk(field, '');
  return out;
}

let nextConnection = 0;

/** Serve one accepted WebSocket; resolves nothing, cleans up on close. */
export function serveConnection(
  socket: WebSocket,
  req: IncomingMessage,
  host: RealtimeHost,
  registry: SubscriptionRegistry,
  opts: ConnectionOptions = {},
): void {
  const connectionId = `c${(nextConnection += 1)}`;
  // the HTTP endpoint this realtime endpoint belongs to (/graphql for /graphql/realtime)
  const graphqlPath = new URL(req.url ?? '/', 'http://local').pathname.replace(/\/realtime\/?$/, '') || '/graphql';
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  const subscriptions = new Set<string>();
  let keepAlive: NodeJS.Timeout | undefined;
  let closed = false;

  const send = (message: ServerMessage): void => {
    if (!closed && socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const sendError = (error: ProtocolError, id?: string): void => {
    send(id ? { type: 'error', id, payload: { errors: [error] } } : { type: 'error', payload: { errors: [error] } });
  };
  const refuseConnection = (error: ProtocolError): void => {
    send({ type: 'connection_error', payload: { errors: [error] } });
    closed = true;
    socket.close(1000);
  };

  // Connection auth happens once, from the handshake; the verdict is given on connection_init.
  const connectionAuth: Promise<ProtocolError | undefined> = (async () => {
    if (socket.protocol !== SUBPROTOCOL) return errors.subprotocol();
    let headers: Record<string, string> | undefined;
    try {
      headers = connectionHeaders(req);
    } catch {
      return errors.unauthorizedConnection();
    }
    if (!headers) return errors.unauthorizedConnection();
    const auth = await host.authenticate(headers, { sourceIp, path: `${graphqlPath}/connect`, body: '{}' });
    return auth ? undefined : errors.unauthorizedConnection();
  })().catch((err: unknown) => {
    opts.onError?.(err);
    return errors.internal('connection authorization failed');
  });
  let acknowledged = false;

  const start = async (id: string, data: string, authorization: Record<string, string> | undefined): Promise<void> => {
    if (subscriptions.has(id)) return sendError(errors.duplicate(id), id);
    if (subscriptions.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) return sendError(errors.tooMany(), id);
    const { request, error } = parseSubscriptionRequest(data);
    if (!request) return sendError(error ?? errors.badJson('payload.data'), id);

    // Each subscription carries its own authorization headers (AppSync checks them per start).
    const auth = authorization ? await host.authenticate(authorization, { sourceIp, path: graphqlPath, body: data }) : null;
    if (!auth) return sendError(errors.unauthorized(), id);

    const { document: parsed, errors: invalid } = parseDocument(host.schema, request.query);
    if (invalid) return sendError(errors.validation(invalid.map((e) => e.message).join('; ')), id);
    const operation = getOperationAST(parsed, request.operationName);
    if (!operation) return sendError(errors.validation('Unknown or ambiguous operation name'), id);
    if (operation.operation !== 'subscription') return sendError(errors.operationType(operation.operation), id);

    const variables = getVariableValues(host.schema, operation.variableDefinitions ?? [], request.variables);
    if (variables.errors) return sendError(errors.validation(variables.errors.map((e) => e.message).join('; ')), id);
    const fieldNode = operation.selectionSet.selections.find((s): s is FieldNode => s.kind === 'Field');
    const subscriptionType = host.schema.getSubscriptionType();
    const fieldDef = fieldNode && subscriptionType?.getFields()[fieldNode.name.value];
    if (!fieldNode || !fieldDef) return sendError(errors.validation('A subscription selects exactly one field'), id);
    const field = fieldDef.name;

    if (host.canAccess && !host.canAccess('Subscription', field, auth)) return sendError(errors.fieldUnauthorized(field), id);
    const args = getArgumentValues(fieldDef, fieldNode, variables.coerced);

    let outcome: SubscribeOutcome = {};
    if (host.subscribe) {
      outcome = await host.subscribe({
        field,
        args,
        auth,
        info: {
          fieldName: field,
          parentTypeName: 'Subscription',
          variables: request.variables,
          selectionSetList: selectionList(fieldNode, parsed),
          selectionSetGraphQL: fieldNode.selectionSet ? printSelection(request.query, fieldNode) : '',
        },
      });
    }
    if (outcome.error) {
      return sendError({ errorType: outcome.error.errorType ?? 'Unauthorized', message: outcome.error.message }, id);
    }
    if (closed || subscriptions.has(id)) return;
    subscriptions.add(id);
    registry.add({
      connectionId,
      id,
      field,
      args,
      document: parsed,
      operationName: request.operationName,
      variables: variables.coerced,
      auth,
      filter: outcome.filter,
      invalidationFilter: outcome.invalidationFilter,
      send: (message) => {
        if (message.type === 'complete') subscriptions.delete(id);
        send(message);
      },
    });
    send({ type: 'start_ack', id });
  };

  const onMessage = async (raw: string): Promise<void> => {
    const { message, error } = parseClientMessage(raw);
    if (!message) return sendError(error ?? errors.badJson('unreadable'));
    if (!acknowledged || message.type === 'connection_init') {
      const refused = await connectionAuth;
      if (refused) return refuseConnection(refused);
    }
    switch (message.type) {
      case 'connection_init':
        if (acknowledged) return; // AppSync ignores a repeated init
        acknowledged = true;
        send({ type: 'connection_ack', payload: { connectionTimeoutMs: opts.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS } });
        send({ type: 'ka' });
        keepAlive = setInterval(() => send({ type: 'ka' }), opts.keepAliveMs ?? KEEP_ALIVE_MS);
        keepAlive.unref();
        return;
      case 'start':
        return start(message.id, message.payload.data, message.payload.extensions?.authorization);
      case 'stop':
        if (subscriptions.delete(message.id)) registry.remove(connectionId, message.id);
        send({ type: 'complete', id: message.id });
        return;
    }
  };

  // Messages are handled in order: a stop right after a start must see the subscription.
  let queue = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    const raw = isBinary ? '' : data.toString();
    queue = queue.then(() => onMessage(raw)).catch((err: unknown) => {
      opts.onError?.(err);
      sendError(errors.internal(err instanceof Error ? err.message : String(err)));
    });
  });
  socket.on('close', () => {
    closed = true;
    if (keepAlive) clearInterval(keepAlive);
    for (const id of subscriptions) registry.remove(connectionId, id);
    subscriptions.clear();
  });
  socket.on('error', (err) => opts.onError?.(err));
}

/** The subscription field's selection set as text (ctx.info.selectionSetGraphQL), cut from the query. */
function printSelection(query: string, field: FieldNode): string {
  const loc = field.selectionSet?.loc;
  return loc ? query.slice(loc.start, loc.end) : '';
}
