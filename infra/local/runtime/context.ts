// The `ctx` object handed to APPSYNC_JS handlers, built as AppSync builds it, and the identity shapes
// AppSync puts in ctx.identity for each auth mode.

export type Dict = Record<string, unknown>;

export interface CognitoIdentity {
  sub: string;
  issuer: string;
  username: string;
  claims: Dict;
  sourceIp: string[];
  defaultAuthStrategy: 'ALLOW' | 'DENY';
  groups: string[] | null;
}

export interface IamIdentity {
  accountId: string;
  cognitoIdentityPoolId: string | null;
  cognitoIdentityId: string | null;
  sourceIp: string[];
  username: string;
  userArn: string;
  cognitoIdentityAuthType: string | null;
  cognitoIdentityAuthProvider: string | null;
}

export interface OidcIdentity {
  sub: string;
  issuer: string;
  claims: Dict;
}

export interface LambdaIdentity {
  resolverContext: Dict;
}

/** API key requests carry no identity: ctx.identity is null. */
export type Identity = CognitoIdentity | IamIdentity | OidcIdentity | LambdaIdentity | null;

export interface Info {
  fieldName: string;
  parentTypeName: string;
  variables: Dict;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

export interface AppSyncContext {
  arguments: Dict;
  /** the same object as `arguments` */
  args: Dict;
  identity: Identity | undefined;
  source: unknown;
  stash: Dict;
  prev?: { result: unknown };
  result?: unknown;
  error?: { message: string; type: string; data?: unknown; cancellationReasons?: unknown[] } | null;
  request: { headers: Record<string, string>; domainName: string | null };
  info: Info;
  env: Record<string, string>;
}

export interface ContextInput {
  arguments?: Dict | null;
  identity?: Identity;
  source?: unknown;
  stash?: Dict | null;
  prev?: { result: unknown };
  result?: unknown;
  error?: AppSyncContext['error'];
  request?: Partial<AppSyncContext['request']>;
  info?: Partial<Info>;
  env?: Record<string, string>;
}

/**
 * A ctx as AppSync builds it. Missing parts get AppSync's defaults: `arguments` (and its `args` alias)
 * `{}`, `stash` `{}`, `source` null, empty request headers, empty info. `result`, `error` and `prev`
 * appear only when given (AppSync sets them per handler).
 */
export function buildContext(input: ContextInput = {}): AppSyncContext {
  const args = input.arguments ?? {};
  const info = input.info ?? {};
  const ctx: AppSyncContext = {
    arguments: args,
    args,
    identity: input.identity,
    source: input.source ?? null,
    stash: input.stash ?? {},
    request: { headers: input.request?.headers ?? {}, domainName: input.request?.domainName ?? null },
    info: {
      fieldName: info.fieldName ?? '',
      parentTypeName: info.parentTypeName ?? '',
      variables: info.variables ?? {},
      selectionSetList: info.selectionSetList ?? [],
      selectionSetGraphQL: info.selectionSetGraphQL ?? '',
    },
    env: input.env ?? {},
  };
  if ('prev' in input) ctx.prev = input.prev;
  if ('result' in input) ctx.result = input.result;
  if ('error' in input) ctx.error = input.error;
  return ctx;
}

/**
 * The ctx evaluate-code builds from its `context` JSON: the given keys as they are, plus the `args`
 * alias and defaults for `arguments` and `stash` (the conformance README's rule).
 */
export function contextFromJson(input: Dict): Dict {
  const ctx: Dict = { ...input };
  const args = input.arguments && typeof input.arguments === 'object' ? input.arguments : {};
  ctx.arguments = args;
  ctx.args = args;
  if (ctx.stash === undefined || ctx.stash === null) ctx.stash = {};
  return ctx;
}

// ----- identities per auth mode (used by the local server after it has verified the caller) -----

/** ctx.identity for a Cognito user pool token's claims. */
export function cognitoIdentity(claims: Dict, opts: { sourceIp?: string; defaultAuthStrategy?: 'ALLOW' | 'DENY' } = {}): CognitoIdentity {
  const groups = claims['cognito:groups'];
  return {
    sub: String(claims.sub ?? ''),
    issuer: String(claims.iss ?? ''),
    username: String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? ''),
    claims,
    sourceIp: [opts.sourceIp ?? '127.0.0.1'],
    defaultAuthStrategy: opts.defaultAuthStrategy ?? 'ALLOW',
    groups: Array.isArray(groups) ? groups.map(String) : null,
  };
}

/** ctx.identity for an OpenID Connect token's claims. */
export function oidcIdentity(claims: Dict): OidcIdentity {
  return { sub: String(claims.sub ?? ''), issuer: String(claims.iss ?? ''), claims };
}

/** ctx.identity for a SigV4-signed (IAM) request. */
export function iamIdentity(p: {
  accountId: string;
  userArn: string;
  username: string;
  sourceIp?: string;
  cognitoIdentityPoolId?: string | null;
  cognitoIdentityId?: string | null;
  cognitoIdentityAuthType?: string | null;
  cognitoIdentityAuthProvider?: string | null;
}): IamIdentity {
  return {
    accountId: p.accountId,
    cognitoIdentityPoolId: p.cognitoIdentityPoolId ?? null,
    cognitoIdentityId: p.cognitoIdentityId ?? null,
    sourceIp: [p.sourceIp ?? '127.0.0.1'],
    username: p.username,
    userArn: p.userArn,
    cognitoIdentityAuthType: p.cognitoIdentityAuthType ?? null,
    cognitoIdentityAuthProvider: p.cognitoIdentityAuthProvider ?? null,
  };
}

/** ctx.identity for a request a Lambda authorizer allowed (its resolverContext). */
export function lambdaIdentity(resolverContext: Dict = {}): LambdaIdentity {
  return { resolverContext };
}

/** API key requests: AppSync gives no identity. */
export function apiKeyIdentity(): null {
  return null;
}
