// Parsed + validated GraphQL documents, cached by query text: clients send the same few documents again and
// again (HTTP operations and real-time subscriptions alike), so each text is parsed and validated once.
import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

/** A query text's document, or the parse/validation errors it has against the schema. */
export type ParsedDocument = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/**
 * parse + validate against `schema`, keeping the last `size` texts (least recently used go first;
 * a Map keeps insertion order, so a hit is moved to the end).
 */
export function documentParser(schema: GraphQLSchema, size: number): (query: string) => ParsedDocument {
  const cache = new Map<string, ParsedDocument>();
  // the newest entry: a client repeating one document skips the Map's reordering entirely
  let lastQuery: string | undefined;
  let lastHit: ParsedDocument | undefined;
  return (query) => {
    if (query === lastQuery && lastHit) return lastHit;
    let hit = cache.get(query);
    if (hit) {
      cache.delete(query);
    } else {
      try {
        const document = parse(query);
        const errors = validate(schema, document);
        hit = errors.length ? { errors } : { document };
      } catch (err) {
        hit = { errors: [err as GraphQLError] };
      }
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(query, hit);
    lastQuery = query;
    lastHit = hit;
    return hit;
  };
}
