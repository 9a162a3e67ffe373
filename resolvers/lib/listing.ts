// The one shape every wallet/moderation list has: one Query on the table or a sparse index (built by
// lib/table's queryPage: a key condition, never a filter), a validated page size and the caller's nextToken.
import { queryPage } from './table';
import { pageLimit } from './validate';

export interface PageArgs {
  limit?: number | null;
  nextToken?: string | null;
}

/** A Query for the items of partition `pk` whose sort key starts with `prefix`. */
export function queryByPrefix(pk: string, prefix: string, page: PageArgs, newestFirst: boolean) {
  return queryPage({
    pk: ['PK', pk],
    sk: { name: 'SK', beginsWith: prefix },
    limit: pageLimit(page.limit),
    nextToken: page.nextToken,
    forward: !newestFirst,
  });
}

/** A Query for a whole partition (its sort keys are all the same kind of item). */
export function queryPartition(pk: string, page: PageArgs, newestFirst: boolean) {
  return queryPage({ pk: ['PK', pk], limit: pageLimit(page.limit), nextToken: page.nextToken, forward: !newestFirst });
}

/** A Query on a sparse index's single partition (e.g. the moderation queue). */
export function queryIndex(index: string, pkName: string, pk: string, page: PageArgs, newestFirst: boolean) {
  return queryPage({
    index,
    pk: [pkName, pk],
    limit: pageLimit(page.limit),
    nextToken: page.nextToken,
    forward: !newestFirst,
  });
}
