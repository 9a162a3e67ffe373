// cognito-local@5.3.0 as a child process (its data lives under <dataDir>/.cognito, relative to
// its working directory, so it cannot share ours), behind the token-refresh shim. Clients use the
// shim's endpoint, and tokens are issued with that endpoint as issuer, so the issuer a verifier
// expects and the JWKS it fetches are both `<endpoint>/<userPoolId>...`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  type AuthenticationResultType,
} from '@aws-sdk/client-cognito-identity-provider';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.js';
import { assertPortFree, freePort, LOOPBACK } from './ports.js';
import { spawnService } from './process.js';
import { startRefreshShim } from './cognito-refresh-shim.js';

const here = dirname(fileURLToPath(import.meta.url));

export interface CognitoLocalOptions {
  /** The public port (the refresh shim). Default 9229, cognito-local's usual port. */
  port?: number;
  /** cognito-local's own port, behind the shim. Default: a free port. */
  upstreamPort?: number;
  /** cognito-local keeps pools and users in <dataDir>/.cognito/db. */
  dataDir: string;
  readyTimeoutMs?: number;
  onLine?: (line: string) => void;
}

export interface CognitoLocal {
  /** The endpoint for every client (Amplify `userPoolEndpoint`, SDK `endpoint`): the shim. */
  endpoint: string;
  /** cognito-local itself (no GetTokensFromRefreshToken). */
  upstreamEndpoint: string;
  port: number;
  pid: number;
  jwksUri(userPoolId: string): string;
  issuer(userPoolId: string): string;
  stop(): Promise<void>;
}

export interface LocalUserPool {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  groups: string[];
  issuer: string;
  jwksUri: string;
  /** Create (or reuse) a confirmed user with a permanent password, and add it to groups. */
  createUser(email: string, password: string, opts?: { groups?: string[] }): Promise<{ username: string; sub: string }>;
  /** USER_PASSWORD_AUTH sign-in (cognito-local has no SRP); returns the tokens. */
  signIn(email: string, password: string): Promise<Required<Pick<AuthenticationResultType, 'AccessToken' | 'IdToken' | 'RefreshToken'>>>;
}

/** An SDK client for a local Cognito endpoint. */
export function localCognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
}

/** Write the settings we own into cognito-local's config, keeping anything else already there. */
function writeConfig(dataDir: string, upstreamPort: number, issuerDomain: string): void {
  const configDir = join(dataDir, '.cognito');
  mkdirSync(join(configDir, 'db'), { recursive: true });
  const file = join(configDir, 'config.json');
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const config = {
    ...existing,
    ServerConfig: { ...(existing.ServerConfig as object), hostname: LOOPBACK, port: upstreamPort },
    TokenConfig: { ...(existing.TokenConfig as object), IssuerDomain: issuerDomain },
  };
  writeFileSync(file, JSON.stringify(config, null, 2));
}

/** Start cognito-local (child process) and the refresh shim in front of it. */
export async function startCognito(opts: CognitoLocalOptions): Promise<CognitoLocal> {
  const port = opts.port ?? 9229;
  await assertPortFree(port, 'Cognito (cognito-local)', '--cognito-port');
  const upstreamPort = opts.upstreamPort ?? (await freePort());
  const endpoint = `http://${LOOPBACK}:${port}`;
  const upstreamEndpoint = `http://${LOOPBACK}:${upstreamPort}`;
  writeConfig(opts.dataDir, upstreamPort, endpoint);

  const require = createRequire(import.meta.url);
  const entry = join(dirname(require.resolve('cognito-local/package.json')), 'lib/bin/start.js');
  const proc = await spawnService({
    name: 'cognito-local',
    command: process.execPath,
    args: ['--require', join(here, 'exit-with-parent.cjs'), entry],
    cwd: opts.dataDir,
    env: { ...process.env, HOST: LOOPBACK, PORT: String(upstreamPort), DEBUG: '' },
    ready: async () => (await fetch(`${upstreamEndpoint}/health`)).ok,
    readyTimeoutMs: opts.readyTimeoutMs ?? 30_000,
    onLine: opts.onLine,
  });
  let shim;
  try {
    shim = await startRefreshShim({ upstream: upstreamEndpoint, port });
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return {
    endpoint,
    upstreamEndpoint,
    port,
    pid: proc.pid,
    jwksUri: (userPoolId) => `${endpoint}/${userPoolId}/.well-known/jwks.json`,
    issuer: (userPoolId) => `${endpoint}/${userPoolId}`,
    async stop() {
      await shim.stop();
      await proc.stop();
    },
  };
}

function isAws(err: unknown, name: string): boolean {
  return (err as { name?: string }).name === name;
}

/**
 * Find or create the pool (by name), its app client (USER_PASSWORD_AUTH + refresh, no secret)
 * and groups. Safe to call on every start: existing ones are reused.
 */
export async function ensureUserPool(
  endpoint: string,
  opts: { poolName: string; clientName: string; groups?: string[] },
): Promise<LocalUserPool> {
  const cognito = localCognitoClient(endpoint);
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === opts.poolName)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({ PoolName: opts.poolName, UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] }),
    );
    userPoolId = created.UserPool?.Id;
  }
  if (!userPoolId) throw new Error(`ensureUserPool: cognito-local returned no id for pool ${opts.poolName}`);

  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === opts.clientName)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: opts.clientName,
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
  }
  if (!clientId) throw new Error(`ensureUserPool: cognito-local returned no id for client ${opts.clientName}`);

  // Look before creating: cognito-local's CreateGroup silently replaces an existing group,
  // dropping its members (real Cognito answers GroupExistsException).
  const groups = opts.groups ?? [];
  const existing = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  const have = new Set(existing.Groups?.map((g) => g.GroupName));
  for (const GroupName of groups.filter((g) => !have.has(g))) {
    await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName }));
  }

  const poolId = userPoolId;
  const appClientId = clientId;
  return {
    endpoint,
    userPoolId: poolId,
    clientId: appClientId,
    groups,
    issuer: `${endpoint}/${poolId}`,
    jwksUri: `${endpoint}/${poolId}/.well-known/jwks.json`,
    async createUser(email, password, { groups: userGroups = [] } = {}) {
      try {
        await cognito.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: email,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
            ],
          }),
        );
      } catch (err) {
        if (!isAws(err, 'UsernameExistsException')) throw err;
      }
      await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: email, Password: password, Permanent: true }));
      for (const GroupName of userGroups) {
        await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: email, GroupName }));
      }
      const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
      const sub = user.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
      if (!user.Username || !sub) throw new Error(`createUser: cognito-local returned no username/sub for ${email}`);
      return { username: user.Username, sub };
    },
    async signIn(email, password) {
      const answer = await cognito.send(
        new InitiateAuthCommand({
          ClientId: appClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: email, PASSWORD: password },
        }),
      );
      const { AccessToken, IdToken, RefreshToken } = answer.AuthenticationResult ?? {};
      if (!AccessToken || !IdToken || !RefreshToken) {
        throw new Error(`signIn(${email}): no tokens (challenge ${answer.ChallengeName ?? 'none'})`);
      }
      return { AccessToken, IdToken, RefreshToken };
    },
  };
}
