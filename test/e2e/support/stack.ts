// The local stack for browser tests: every service on a free loopback port, DynamoDB in memory, a
// throwaway data folder, the Vite dev server for web/, and cognito-local sending a known confirmation
// code (its CODE variable) so sign-up can be completed through the real Authenticator screens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePorts } from '../../../infra/local/services/index.js';
import { startStack, type Stack } from '../../../infra/local/start.js';

export const CONFIRMATION_CODE = '246810';
export const PASSWORD = 'Passw0rd!e2e';
export const BOB = 'bob.e2e@example.com';
export const ADMIN = 'admin.e2e@example.com';

export interface E2EStack {
  stack: Stack;
  webUrl: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function startE2EStack(): Promise<E2EStack> {
  process.env.CODE = CONFIRMATION_CODE; // read by cognito-local (spawned with this process's environment)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'feed-e2e-'));
  const [appsync, dynamodb, s3, cognito, web] = await freePorts(5);
  const logs: string[] = [];
  try {
    const stack = await startStack({
      dataDir,
      inMemoryDynamoDB: true,
      ports: { appsync, dynamodb, s3, cognito, web },
      web: true,
      configFile: path.join(dataDir, 'amplify-config.json'),
      scheduleTimers: false,
      pollMs: 100,
      log: (line) => logs.push(line),
    });
    if (!stack.webUrl) throw new Error('the stack started without the web app (web/vite.config.ts not found?)');
    return {
      stack,
      webUrl: stack.webUrl,
      logs,
      async stop() {
        await stack.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Bob and an admin (an admin cannot sign up into the admins group; Alice signs up in the app), and a
 * 10-coin reward to redeem. */
export async function addPeopleAndReward(stack: Stack): Promise<void> {
  await stack.pool.createUser(BOB, PASSWORD);
  await stack.pool.createUser(ADMIN, PASSWORD, { groups: ['admins'] });
  const admin = await stack.pool.signIn(ADMIN, PASSWORD);
  await gqlAs(stack, admin.IdToken, 'mutation R($input: PutRewardInput!) { putReward(input: $input) { id } }', {
    input: { name: 'Sticker', description: 'One vinyl sticker of the feed mascot.', cost: 10, stock: 5 },
  });
}

/** A GraphQL call as a given Cognito user (test setup only: the browser goes through the app). */
export async function gqlAs<T>(stack: Stack, idToken: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(stack.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: idToken },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; errorType?: string }> };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => `${e.errorType}: ${e.message}`).join('; ')}`);
  return body.data as T;
}
