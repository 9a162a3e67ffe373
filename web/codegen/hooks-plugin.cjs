// graphql-codegen plugin of this project: one typed React hook per operation in web/src/api/operations.
//   query        → useXxxQuery(variables, options)        (TanStack Query useQuery)  + xxxQueryKey(variables)
//   query with a `nextToken` variable and a connection root field
//                → also useXxxInfiniteQuery(variables, options)   (useInfiniteQuery, pages by nextToken)
//                  + xxxInfiniteQueryKey(variables)
//   mutation     → useXxxMutation(options)                (useMutation)
//   subscription → useXxxSubscription(variables, options) (AppSync real-time via the Amplify client)
// The hooks sit on web/src/api/runtime.ts (request/subscribe over aws-amplify v6 `generateClient()`), and
// take their types and documents from the typed-document-node output next to them, so a component can only
// send what the schema accepts and only read what its operation selected.
'use strict';

// graphql-codegen loads plugins as CommonJS modules, hence require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Kind } = require('graphql');

const pascal = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (s) => s.charAt(0).toLowerCase() + s.slice(1);

/** Does the operation have to be given variables (a non-null variable without a default)? */
function needsVariables(op) {
  return (op.variableDefinitions || []).some((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue);
}

/** For paging: the root field (alias or name) when the query takes $nextToken and selects nextToken. */
function connectionField(op) {
  const takesToken = (op.variableDefinitions || []).some((v) => v.variable.name.value === 'nextToken');
  if (!takesToken) return null;
  const fields = op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  if (fields.length !== 1 || !fields[0].selectionSet) return null;
  const root = fields[0];
  const selectsToken = root.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'nextToken');
  return selectsToken ? (root.alias || root.name).value : null;
}

function emitOperation(op) {
  const name = pascal(op.name.value);
  const kind = pascal(op.operation); // Query | Mutation | Subscription
  const result = `T.${name}${kind}`;
  const vars = `T.${name}${kind}Variables`;
  const doc = `T.${name}Document`;
  const varsParam = needsVariables(op) ? `variables: ${vars}` : `variables: ${vars} = {}`;
  const out = [];

  if (op.operation === 'query') {
    const key = `${camel(name)}QueryKey`;
    out.push(
      `/** Cache key of ${name}: [${JSON.stringify(name)}] matches every variant, [${JSON.stringify(name)}, variables] one. */`,
      `export const ${key} = (variables?: ${vars}) =>`,
      `  (variables === undefined ? [${JSON.stringify(name)}] : [${JSON.stringify(name)}, variables]) as readonly unknown[];`,
      '',
      `export function use${name}Query(${varsParam}, options?: QueryHookOptions<${result}>) {`,
      `  return useQuery({ queryKey: ${key}(variables), queryFn: () => request(${doc}, variables), ...options });`,
      '}',
      '',
    );
    const field = connectionField(op);
    if (field) {
      const pageVars = `Omit<${vars}, 'nextToken'>`;
      const pageParam = needsVariables(op) ? `variables: ${pageVars}` : `variables: ${pageVars} = {}`;
      const infiniteKey = `${camel(name)}InfiniteQueryKey`;
      out.push(
        `/** Cache key of the pages of ${name} (for reading or editing them with the QueryClient). */`,
        `export const ${infiniteKey} = (variables: ${pageVars}) => [...${key}(variables as ${vars}), 'infinite'] as readonly unknown[];`,
        '',
        `/** Pages of ${name}, each fetched with the previous page's nextToken. */`,
        `export function use${name}InfiniteQuery(${pageParam}, options?: InfiniteHookOptions<${result}>) {`,
        '  return useInfiniteQuery({',
        `    queryKey: ${infiniteKey}(variables),`,
        `    queryFn: ({ pageParam }) => request(${doc}, { ...variables, nextToken: pageParam } as ${vars}),`,
        '    initialPageParam: null as string | null,',
        `    getNextPageParam: (page: ${result}) => page.${field}.nextToken ?? undefined,`,
        '    ...options,',
        '  });',
        '}',
        '',
      );
    }
  } else if (op.operation === 'mutation') {
    out.push(
      `export function use${name}Mutation<C = unknown>(options?: MutationHookOptions<${result}, ${vars}, C>) {`,
      `  return useMutation({ mutationKey: [${JSON.stringify(name)}], mutationFn: (variables: ${vars}) => request(${doc}, variables), ...options });`,
      '}',
      '',
    );
  } else {
    out.push(
      `export function use${name}Subscription(${varsParam}, options: SubscriptionHookOptions<${result}>) {`,
      `  return useSubscription(${doc}, variables, options);`,
      '}',
      '',
    );
  }
  return out.join('\n');
}

module.exports = {
  plugin(_schema, documents, config) {
    const ops = [];
    for (const file of documents) {
      for (const def of file.document.definitions) {
        if (def.kind !== Kind.OPERATION_DEFINITION) continue;
        if (!def.name) throw new Error(`hooks-plugin: ${file.location}: every operation needs a name`);
        ops.push(def);
      }
    }
    ops.sort((a, b) => a.name.value.localeCompare(b.name.value));
    const typesPath = config.typesPath || './graphql';
    const runtimePath = config.runtimePath || '../runtime';
    const header = [
      "import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';",
      `import { request, useSubscription, type InfiniteHookOptions, type MutationHookOptions, type QueryHookOptions, type SubscriptionHookOptions } from '${runtimePath}';`,
      `import * as T from '${typesPath}';`,
      '',
      `/** Every operation of the app, by name (tests and devtools). */`,
      `export const operationNames = ${JSON.stringify(ops.map((o) => o.name.value))} as const;`,
      '',
    ].join('\n');
    return header + '\n' + ops.map(emitOperation).join('\n');
  },
  validate(_schema, _documents, _config, outputFile) {
    if (!outputFile.endsWith('.ts')) throw new Error(`hooks-plugin: output must be a .ts file, got ${outputFile}`);
  },
};
