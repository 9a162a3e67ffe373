// A response value keyed by the caller's aliases turned back into plain field names, at every depth.
// AppSync publishes a mutation's result to subscribers by field name (they cannot know the caller's
// aliases), keeping only the fields the mutation selected; the server's mutation events (and the
// real-time layer's publishedFields) use this.
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/** Fragment definitions by name (graphql-js's info.fragments has this shape). */
export type FragmentMap = Readonly<Record<string, FragmentDefinitionNode>>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * One field selected twice under different aliases (`a: author { id } b: author { name }`) becomes one
 * field holding both selections: objects merge key by key, lists item by item; otherwise the last wins.
 */
function merge(prev: unknown, next: unknown): unknown {
  if (prev === undefined) return next;
  if (Array.isArray(prev) && Array.isArray(next) && prev.length === next.length) return prev.map((p, i) => merge(p, next[i]));
  if (isRecord(prev) && isRecord(next)) {
    const out: Record<string, unknown> = { ...prev };
    for (const [k, v] of Object.entries(next)) out[k] = merge(out[k], v);
    return out;
  }
  return next;
}

/** `value` (as the caller received it for `selectionSet`) keyed by field names, only what was selected. */
export function unalias(value: unknown, selectionSet: SelectionSetNode | undefined, fragments: FragmentMap): unknown {
  if (value === null || value === undefined) return null;
  if (!selectionSet || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => unalias(item, selectionSet, fragments));
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const walk = (set: SelectionSetNode): void => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const key = sel.alias?.value ?? sel.name.value;
        if (!Object.prototype.hasOwnProperty.call(source, key)) continue; // skipped with @skip/@include
        out[sel.name.value] = merge(out[sel.name.value], unalias(source[key], sel.selectionSet, fragments));
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet);
      } else {
        const name = sel.name.value;
        if (Object.prototype.hasOwnProperty.call(fragments, name)) walk(fragments[name].selectionSet);
      }
    }
  };
  walk(selectionSet);
  return out;
}
