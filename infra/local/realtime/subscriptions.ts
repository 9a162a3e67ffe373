// The subscription registry: who listens to what, which mutations trigger which subscription fields
// (@aws_subscribe), and turning one published mutation result into each subscriber's `data` message.
//
// What a subscriber receives (AppSync semantics): the mutation's response — only the fields the mutation
// selected — shaped by the subscriber's own selection set. A field the subscriber selected but the
// mutation did not is null (and a non-null one bubbles up with an error, as on AWS). Fields the
// subscriber's auth mode may not read are null with an Unauthorized error.
import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { AuthContext } from '../server/auth.js';
import { matchesSubscriptionFilter, shouldDeliver, type SubscriptionFilter } from './filters.js';
import { unalias, type FragmentMap } from '../server/unalias.js';
import { errors as protocolErrors, type ServerMessage } from './protocol.js';

/** The auth modes a subscriber can be admitted in: the server's. */
export type AuthType = AuthContext['mode'];

/**
 * Who a subscription (or connection) belongs to: the server's AuthContext (mode + identity, the same shapes
 * the HTTP endpoint gives resolvers) plus the headers it came with (ctx.request.headers at subscribe time).
 */
export interface SubscriberAuth extends AuthContext {
  headers: Record<string, string>;
}

/** May this caller read `typeName.fieldName`? (the server's @aws_* directive rules) */
export type FieldAccess = (typeName: string, fieldName: string, auth: SubscriberAuth) => boolean;

export interface SubscriptionEntry {
  connectionId: string;
  /** the client's subscription id */
  id: string;
  /** the Subscription field, e.g. onNotification */
  field: string;
  args: Record<string, unknown>;
  document: DocumentNode;
  operationName?: string;
  variables: Record<string, unknown>;
  auth: SubscriberAuth;
  /** set by the subscription resolver with extensions.setSubscriptionFilter */
  filter?: SubscriptionFilter;
  /** set with extensions.setSubscriptionInvalidationFilter */
  invalidationFilter?: SubscriptionFilter;
  send(message: ServerMessage): void;
}

/** mutation field → subscription fields listing it in @aws_subscribe(mutations: [...]) */
export function subscribeTriggers(schema: GraphQLSchema): Map<string, string[]> {
  const triggers = new Map<string, string[]>();
  const subscriptionType = schema.getSubscriptionType();
  if (!subscriptionType) return triggers;
  for (const field of Object.values(subscriptionType.getFields())) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const mutations = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    if (!mutations || mutations.kind !== Kind.LIST) continue;
    for (const item of mutations.values) {
      if (item.kind !== Kind.STRING) continue;
      triggers.set(item.value, [...(triggers.get(item.value) ?? []), field.name]);
    }
  }
  return triggers;
}

function fragmentsOf(document: DocumentNode): FragmentMap {
  const map: Record<string, FragmentDefinitionNode> = Object.create(null) as Record<string, FragmentDefinitionNode>;
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) map[def.name.value] = def;
  return map;
}

export interface PublishedField {
  /** the mutation field name, e.g. likePost */
  mutationField: string;
  /** its response, un-aliased: only the fields the mutation selected */
  payload: unknown;
}

/**
 * The root mutation fields of an executed operation that succeeded (non-null data and no error at their
 * path), each with its published payload. Feed each to `publish`.
 */
export function publishedFields(
  document: DocumentNode,
  operationName: string | undefined | null,
  result: { data?: Record<string, unknown> | null; errors?: ReadonlyArray<{ path?: ReadonlyArray<string | number> }> },
): PublishedField[] {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== 'mutation' || !result.data) return [];
  const fragments = fragmentsOf(document);
  const failed = new Set((result.errors ?? []).map((e) => e.path?.[0]).filter((k) => k !== undefined));
  const out: PublishedField[] = [];
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        const value = result.data?.[key];
        if (value === null || value === undefined || failed.has(key) || sel.name.value === '__typename') continue;
        out.push({ mutationField: sel.name.value, payload: unalias(value, sel.selectionSet, fragments) });
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else {
        const fragment = fragments[sel.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return out;
}

/** AppSync's error shape for one GraphQL error inside a `data` message. */
function toAppSyncError(err: GraphQLError): Record<string, unknown> {
  const errorType = (err.extensions?.errorType as string | undefined) ?? null;
  return {
    message: err.message,
    path: err.path ?? null,
    locations: err.locations ?? null,
    errorType,
    data: null,
    errorInfo: null,
  };
}

export class SubscriptionRegistry {
  readonly triggers: Map<string, string[]>;
  /** field → (connectionId/id → entry) */
  private readonly byField = new Map<string, Map<string, SubscriptionEntry>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly canAccess: FieldAccess = () => true,
  ) {
    this.triggers = subscribeTriggers(schema);
  }

  private static key(connectionId: string, id: string): string {
    return `${connectionId}\u0000${id}`;
  }

  add(entry: SubscriptionEntry): void {
    let entries = this.byField.get(entry.field);
    if (!entries) this.byField.set(entry.field, (entries = new Map()));
    entries.set(SubscriptionRegistry.key(entry.connectionId, entry.id), entry);
  }

  remove(connectionId: string, id: string): SubscriptionEntry | undefined {
    const key = SubscriptionRegistry.key(connectionId, id);
    for (const entries of this.byField.values()) {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        return entry;
      }
    }
    return undefined;
  }

  /** Every subscription, or those of one field. */
  list(field?: string): SubscriptionEntry[] {
    if (field) return [...(this.byField.get(field)?.values() ?? [])];
    return [...this.byField.values()].flatMap((m) => [...m.values()]);
  }

  get size(): number {
    let n = 0;
    for (const entries of this.byField.values()) n += entries.size;
    return n;
  }

  /**
   * A mutation result was published: deliver it to each matching subscription of each subscription field
   * that lists this mutation. Returns how many `data` messages were sent.
   */
  publish(mutationField: string, payload: unknown): number {
    const fields = this.triggers.get(mutationField);
    if (!fields || payload === null || payload === undefined) return 0;
    let sent = 0;
    for (const field of fields) {
      for (const entry of this.byField.get(field)?.values() ?? []) {
        if (!shouldDeliver(payload, entry.args, entry.filter)) continue;
        entry.send({ type: 'data', id: entry.id, payload: this.project(entry, payload) });
        sent += 1;
      }
    }
    return sent;
  }

  /**
   * extensions.invalidateSubscriptions({subscriptionField, payload}) from a mutation: every subscription of
   * that field whose invalidation filter matches the payload is unsubscribed (the client gets `complete`).
   */
  invalidate(subscriptionField: string, payload: Record<string, unknown>): number {
    let closed = 0;
    for (const entry of this.list(subscriptionField)) {
      if (!entry.invalidationFilter || !matchesSubscriptionFilter(payload, entry.invalidationFilter)) continue;
      this.remove(entry.connectionId, entry.id);
      entry.send({ type: 'complete', id: entry.id });
      closed += 1;
    }
    return closed;
  }

  /** The subscriber's view of a payload: graphql-js executes its document over the payload. */
  project(entry: SubscriptionEntry, payload: unknown): { data: unknown; errors?: unknown[] } {
    const resolve: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) => {
      if (!this.canAccess(info.parentType.name, info.fieldName, entry.auth)) {
        const denied = protocolErrors.fieldUnauthorized(info.fieldName, info.parentType.name);
        return new GraphQLError(denied.message, { extensions: { errorType: denied.errorType } });
      }
      if (source === null || typeof source !== 'object') return null;
      return (source as Record<string, unknown>)[info.fieldName] ?? null;
    };
    const result = execute({
      schema: this.schema,
      document: entry.document,
      operationName: entry.operationName,
      variableValues: entry.variables,
      rootValue: { [entry.field]: payload },
      fieldResolver: resolve,
    }) as { data?: unknown; errors?: readonly GraphQLError[] };
    return result.errors?.length ? { data: result.data ?? null, errors: result.errors.map(toAppSyncError) } : { data: result.data ?? null };
  }
}
