// Who is calling. The schema's auth directives decide which auth MODE may reach a field; these helpers
// decide WHO within that mode (owner checks, the admins group as defence in depth).
// API key callers have no identity (ctx.identity is null); IAM callers (Lambda, SigV4) have no `sub`.
import { util } from '@aws-appsync/utils';

export const ADMIN_GROUP = 'admins';

interface IdentityCtx {
  identity?: unknown;
}

interface CognitoLike {
  sub?: string;
  username?: string;
  groups?: string[] | null;
  claims?: Record<string, unknown>;
}

function cognito(ctx: IdentityCtx): CognitoLike | null {
  const id = ctx.identity as CognitoLike | null | undefined;
  return id && typeof id.sub === 'string' && id.sub !== '' ? id : null;
}

/** The signed-in user's sub, or null for API key / IAM callers. */
export function optionalSub(ctx: IdentityCtx): string | null {
  const id = cognito(ctx);
  return id ? (id.sub as string) : null;
}

/** The signed-in user's sub; anyone else is refused (util.unauthorized stops the handler). */
export function callerSub(ctx: IdentityCtx): string {
  const sub = optionalSub(ctx);
  if (sub === null) util.unauthorized();
  return sub as string;
}

/** The Cognito username (the default handle before a user picks one). */
export function callerUsername(ctx: IdentityCtx): string {
  const id = cognito(ctx);
  if (!id) return '';
  const claimed = id.claims ? id.claims['cognito:username'] : undefined;
  return id.username || (typeof claimed === 'string' ? claimed : '') || (id.sub as string);
}

/** Whether the caller is a Cognito user in the admins group. */
export function isAdmin(ctx: IdentityCtx): boolean {
  const id = cognito(ctx);
  if (!id) return false;
  const groups = id.groups || (id.claims ? (id.claims['cognito:groups'] as string[] | undefined) : undefined) || [];
  return groups.indexOf(ADMIN_GROUP) >= 0;
}

/** Refuses callers outside the admins group (the schema restricts the field too; this is defence in depth). */
export function requireAdmin(ctx: IdentityCtx): string {
  const sub = callerSub(ctx);
  if (!isAdmin(ctx)) util.unauthorized();
  return sub;
}
