// How a field binds to its resolver file(s), by naming convention: a unit resolver is
// resolvers/<Type>.<field>.ts; a pipeline is resolvers/<Type>.<field>/index.ts (before/after) plus its steps,
// whose file names carry their order. Every step runs on the `table` data source unless named otherwise.
import type { PipelineFunctionDef, ResolverDef } from '../types.js';

export const unit = (typeName: string, fieldName: string, dataSource = 'table'): ResolverDef => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  file: `resolvers/${typeName}.${fieldName}.ts`,
  dataSource,
});

/** `steps` are file names in the pipeline's folder (e.g. '1.getPost.ts') or full step definitions. */
export const pipeline = (typeName: string, fieldName: string, steps: Array<string | PipelineFunctionDef>): ResolverDef => {
  const dir = `resolvers/${typeName}.${fieldName}`;
  return {
    typeName,
    fieldName,
    kind: 'PIPELINE',
    file: `${dir}/index.ts`,
    functions: steps.map((s) => (typeof s === 'string' ? { file: `${dir}/${s}`, dataSource: 'table' } : s)),
  };
};
