// The APPSYNC_JS runtime engine: load (bundle + check + compile), evaluate, resolve fields.
export { checkCode, findProblems, formatProblem, CodeCheckError, type CodeProblem } from './check.js';
export {
  loadResolver,
  loadResolverCode,
  defaultModules,
  createRealm,
  UTILS_MODULE,
  DYNAMODB_MODULE,
  type LoadedResolver,
  type LoadOptions,
  type ModuleMap,
  type Handler,
  type Realm,
} from './load.js';
export {
  buildContext,
  contextFromJson,
  cognitoIdentity,
  oidcIdentity,
  iamIdentity,
  lambdaIdentity,
  apiKeyIdentity,
  type AppSyncContext,
  type ContextInput,
  type Identity,
  type Info,
} from './context.js';
export {
  runHandler,
  callHandler,
  evaluateCode,
  validateRuntime,
  EvaluateInputError,
  RUNTIME_ERROR_TYPE,
  type HandlerOutcome,
  type HandlerCall,
  type RunOptions,
  type EvaluateCodeInput,
  type EvaluateCodeOutput,
  type CodeError,
} from './evaluate.js';
export {
  resolveField,
  resolveFieldEager,
  type Invoke,
  type InvokeResult,
  type DataSourceError,
  type UnitResolver,
  type PipelineResolver,
  type PipelineFunction,
  type FieldError,
  type FieldOutcome,
} from './pipeline.js';
