// Authentication (which mode, who) and authorisation by the schema's @aws_* directives, as AppSync does.
//
// Mode from the request headers: `x-api-key` → API_KEY; `Authorization: AWS4-HMAC-SHA256 …` → AWS_IAM
// (SigV4 recomputed with @smithy/signature-v4 against configured local credentials); any other
// `Authorization` → AMAZON_COGNITO_USER_POOLS (JWT verified by the given verifier, e.g. the services'
// createLocalJwtVerifier). A mode the API does not enable, or bad credentials, fail the whole request.
//
// Directives: a field's @aws_* directives replace its type's; a type's apply to its fields without
// directives; where neither has any, only the API's default mode may call. `cognito_groups` restricts
// the Cognito mode to members of at least one listed group.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { JwtExpiredError, JwtParseError } from 'aws-jwt-verify/error';
import {
  isObjectType,
  Kind,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from 'graphql';
import type { AuthMode } from '../../api/types.js';
import { cognitoIdentity, iamIdentity, type CognitoIdentity, type IamIdentity } from '../runtime/context.js';
import { RequestError, unauthorized } from './errors.js';

// ---------- identities: the ctx.identity shapes come from the runtime's context builders ----------

/** Who called, in which mode. API key callers have no identity (ctx.identity is null). */
export interface AuthContext {
  mode: AuthMode;
  identity: CognitoIdentity | IamIdentity | null;
}

export interface IamCredential {
  accessKeyId: string;
  secretAccessKey: string;
  /** defaults: account 123456789012, user arn of a local role named after the key */
  accountId?: string;
  userArn?: string;
}

export interface JwtVerifierLike {
  verify(token: string): Promise<Record<string, unknown>>;
}

export interface AuthConfig {
  defaultMode: AuthMode;
  additionalModes: AuthMode[];
  /** valid API keys (API_KEY mode) */
  apiKeys?: string[];
  /** Cognito user pool token verifier(s) (AMAZON_COGNITO_USER_POOLS mode); AppSync accepts id and access
   *  tokens, so pass one verifier per token use — the first that accepts the token wins */
  cognito?: JwtVerifierLike | JwtVerifierLike[];
  /** credentials whose SigV4 signatures are accepted (AWS_IAM mode) */
  iam?: { credentials: IamCredential[] };
  /** clock, for tests */
  now?: () => Date;
}

export interface AuthRequest {
  /** lower-case header names (node:http gives them so) */
  headers: Record<string, string | string[] | undefined>;
  method: string;
  /** path with query string, as requested (e.g. /graphql) */
  path: string;
  body: string;
  sourceIp?: string;
}

export type Authenticate = (req: AuthRequest) => Promise<AuthContext>;

const header = (req: AuthRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Build the request authenticator for an API's enabled modes. */
export function createAuthenticator(config: AuthConfig): Authenticate {
  const enabled = new Set<AuthMode>([config.defaultMode, ...config.additionalModes]);
  const apiKeys = new Set(config.apiKeys ?? []);
  const now = config.now ?? (() => new Date());
  const iamKeys = new Map((config.iam?.credentials ?? []).map((c) => [c.accessKeyId, c]));
  const verifiers = config.cognito === undefined ? [] : Array.isArray(config.cognito) ? config.cognito : [config.cognito];

  return async (req) => {
    const apiKey = header(req, 'x-api-key');
    const authorization = header(req, 'authorization');

    if (apiKey !== undefined) {
      if (!enabled.has('API_KEY') || !apiKeys.has(apiKey)) throw unauthorized('You are not authorized to make this call.');
      return { mode: 'API_KEY', identity: null };
    }
    if (!authorization) throw unauthorized('Valid authorization header not provided.');

    if (authorization.startsWith('AWS4-HMAC-SHA256')) {
      if (!enabled.has('AWS_IAM')) throw unauthorized('You are not authorized to make this call.');
      const credential = await verifySigV4(req, authorization, iamKeys, now());
      const accountId = credential.accountId ?? '123456789012';
      const role = `local-${credential.accessKeyId}`;
      return {
        mode: 'AWS_IAM',
        identity: iamIdentity({
          accountId,
          username: credential.accessKeyId,
          userArn: credential.userArn ?? `arn:aws:iam::${accountId}:user/${role}`,
          sourceIp: req.sourceIp,
        }),
      };
    }

    if (!enabled.has('AMAZON_COGNITO_USER_POOLS') || !verifiers.length) {
      throw unauthorized('Valid authorization header not provided.');
    }
    const token = authorization.replace(/^Bearer\s+/i, '');
    const claims = await verifyJwt(verifiers, token);
    return { mode: 'AMAZON_COGNITO_USER_POOLS', identity: cognitoIdentity(claims, { sourceIp: req.sourceIp }) };
  };
}

async function verifyJwt(verifiers: JwtVerifierLike[], token: string): Promise<Record<string, unknown>> {
  const errors: unknown[] = [];
  for (const verifier of verifiers) {
    try {
      return await verifier.verify(token);
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.some((e) => e instanceof JwtExpiredError)) throw unauthorized('Token has expired.');
  if (errors.every((e) => e instanceof JwtParseError)) throw unauthorized('Unable to parse JWT token.');
  throw unauthorized('Valid authorization header not provided.');
}

// ---------- SigV4 ----------

const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const MAX_SKEW_MS = 5 * 60 * 1000; // SigV4: the request time must be within 5 minutes of the server's

function invalidSignature(): RequestError {
  return new RequestError(
    403,
    'InvalidSignatureException',
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}

async function verifySigV4(
  req: AuthRequest,
  authorization: string,
  keys: Map<string, IamCredential>,
  now: Date,
): Promise<IamCredential> {
  const m = SIGV4.exec(authorization.trim());
  if (!m) throw new RequestError(403, 'IncompleteSignatureException', 'Authorization header requires Credential, SignedHeaders and Signature.');
  const [, accessKeyId, shortDate, region, service, signedHeaderList, signature] = m;
  const credential = keys.get(accessKeyId);
  if (!credential) throw new RequestError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  if (service !== 'appsync') throw invalidSignature();

  const amzDate = header(req, 'x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate || !amzDate.startsWith(shortDate)) {
    throw new RequestError(403, 'IncompleteSignatureException', 'Authorization header requires existence of either a \'X-Amz-Date\' or a \'Date\' header.');
  }
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_SKEW_MS) {
    throw new RequestError(403, 'InvalidSignatureException', `Signature expired: ${amzDate} is now earlier than the allowed 5 minutes before the server time.`);
  }

  const signed = signedHeaderList.split(';');
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = header(req, name);
    if (value === undefined) throw invalidSignature();
    headers[name] = value;
  }
  // The signer trusts x-amz-content-sha256 when present: make sure it is the body's real hash.
  const claimedHash = headers['x-amz-content-sha256'];
  if (claimedHash && claimedHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(req.body).digest('hex');
    if (claimedHash !== actual) throw invalidSignature();
  }

  const url = new URL(req.path, 'http://local');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    service,
    region,
    sha256: Sha256,
    credentials: {
      accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      sessionToken: headers['x-amz-security-token'],
    },
    applyChecksum: signed.includes('x-amz-content-sha256'),
  });
  const request = new HttpRequest({ method: req.method, path: url.pathname, query, headers, body: req.body });
  const resigned = await signer.sign(request, { signingDate });
  const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
  if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    throw invalidSignature();
  }
  return credential;
}

// ---------- directives ----------

export interface ModeRule {
  mode: AuthMode;
  /** Cognito only: the caller must be in one of these groups */
  groups?: string[];
}

const DIRECTIVE_MODES: Record<string, AuthMode | undefined> = {
  aws_api_key: 'API_KEY',
  aws_iam: 'AWS_IAM',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_auth: 'AMAZON_COGNITO_USER_POOLS',
  // OIDC and Lambda modes are not enabled by this API; their directives still exclude other modes.
  aws_oidc: 'OPENID_CONNECT' as AuthMode,
  aws_lambda: 'AWS_LAMBDA' as AuthMode,
};

function rulesFrom(directives: readonly ConstDirectiveNode[] | undefined): ModeRule[] | undefined {
  const rules: ModeRule[] = [];
  for (const d of directives ?? []) {
    const mode = DIRECTIVE_MODES[d.name.value];
    if (!mode) continue;
    const groupsArg = d.arguments?.find((a) => a.name.value === 'cognito_groups');
    const groups =
      groupsArg && groupsArg.value.kind === Kind.LIST
        ? groupsArg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
        : undefined;
    rules.push(groups && groups.length ? { mode, groups } : { mode });
  }
  return rules.length ? rules : undefined;
}

export interface AuthRules {
  /** whether this caller may read the field (introspection and fields without rules: yes) */
  allows(auth: AuthContext, typeName: string, fieldName: string): boolean;
}

/** Whether a caller satisfies one of the rules. */
export function satisfies(auth: AuthContext, rules: ModeRule[]): boolean {
  for (const rule of rules) {
    if (rule.mode !== auth.mode) continue;
    if (!rule.groups) return true;
    const groups = (auth.identity as CognitoIdentity | null)?.groups ?? [];
    if (rule.groups.some((g) => groups.includes(g))) return true;
  }
  return false;
}

/** Precompute every object type field's allowed modes from the schema's directives. */
export function buildAuthRules(schema: GraphQLSchema, defaultMode: AuthMode): AuthRules {
  const table = new Map<string, ModeRule[]>();
  const defaultRules: ModeRule[] = [{ mode: defaultMode }];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRules = rulesFrom(type.astNode?.directives);
    for (const field of Object.values(type.getFields())) {
      table.set(`${type.name}.${field.name}`, rulesFrom(field.astNode?.directives) ?? typeRules ?? defaultRules);
    }
  }
  return {
    allows(auth, typeName, fieldName) {
      const rules = table.get(`${typeName}.${fieldName}`);
      return rules === undefined || satisfies(auth, rules);
    },
  };
}

/** AppSync's message for a field the caller may not read. */
export function notAuthorizedMessage(typeName: string, fieldName: string): string {
  return `Not Authorized to access ${fieldName} on type ${typeName}`;
}
