// util.authType(): which auth mode produced ctx.identity. evaluate-code has no request, so AWS infers the
// mode from the identity's shape; the 16 util.authType vectors pin the rules down: an identity matches a mode
// only when it has exactly that mode's keys (no foreign keys) with the required ones non-null; anything
// else, and no identity at all, counts as API key.
import { isPlainObject, type Dict } from './guards.js';

export const AUTH_TYPES = {
  apiKey: 'API Key Authorization',
  iam: 'IAM Authorization',
  userPool: 'User Pool Authorization',
  oidc: 'Open ID Connect Authorization',
  lambda: 'Lambda Authorization',
} as const;

interface Shape { type: string; required: string[]; optional: string[] }

// Checked in order; the first match wins.
const SHAPES: Shape[] = [
  { type: AUTH_TYPES.lambda, required: [], optional: ['resolverContext'] },
  {
    type: AUTH_TYPES.iam,
    required: ['accountId', 'sourceIp', 'username', 'userArn'],
    optional: ['cognitoIdentityPoolId', 'cognitoIdentityId', 'cognitoIdentityAuthType', 'cognitoIdentityAuthProvider'],
  },
  {
    type: AUTH_TYPES.userPool,
    required: ['sub', 'issuer', 'username', 'claims', 'sourceIp', 'defaultAuthStrategy'],
    optional: ['groups'],
  },
  { type: AUTH_TYPES.oidc, required: ['sub', 'issuer', 'claims'], optional: [] },
];

function matches(identity: Dict, shape: Shape): boolean {
  const allowed = new Set([...shape.required, ...shape.optional]);
  return (
    Object.keys(identity).every((k) => allowed.has(k)) &&
    shape.required.every((k) => identity[k] !== undefined && identity[k] !== null)
  );
}

export function inferAuthType(identity: unknown): string {
  if (!isPlainObject(identity)) return AUTH_TYPES.apiKey;
  return SHAPES.find((s) => matches(identity, s))?.type ?? AUTH_TYPES.apiKey;
}
