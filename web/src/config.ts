// The client configuration: one JSON file that Amplify.configure() accepts as is. `npm start` writes it
// to .local/amplify-config.json (served here as /amplify-config.json by vite.config.ts); on AWS the CDK
// outputs produce the same file next to the app.
import { Amplify } from 'aws-amplify';
import type { ResourcesConfig } from 'aws-amplify';
import { localWebSocket } from '../../infra/local/realtime/protocol';

const CONFIG_URL = '/amplify-config.json';

export type AuthFlowType = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

export interface AppSettings {
  /** cognito-local has no SRP: locally we sign in with USER_PASSWORD_AUTH. */
  authFlowType: AuthFlowType;
}

export async function fetchConfig(url = CONFIG_URL): Promise<Record<string, unknown>> {
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} — is the local stack running (npm start)?`);
  return (await res.json()) as Record<string, unknown>;
}

function isLoopback(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  try {
    const host = new URL(endpoint).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}

/** The sign-in flow: an explicit setting in the file wins; a local Cognito endpoint means USER_PASSWORD_AUTH. */
function settingsOf(raw: Record<string, unknown>, resources: ResourcesConfig): AppSettings {
  const custom = (raw.custom ?? {}) as { authenticationFlowType?: AuthFlowType };
  const cognito = resources.Auth?.Cognito as { userPoolEndpoint?: string; authenticationFlowType?: AuthFlowType } | undefined;
  const explicit = custom.authenticationFlowType ?? cognito?.authenticationFlowType ?? (raw.authenticationFlowType as AuthFlowType | undefined);
  return { authFlowType: explicit ?? (isLoopback(cognito?.userPoolEndpoint) ? 'USER_PASSWORD_AUTH' : 'USER_SRP_AUTH') };
}

/** Configure Amplify from the file and return the app's own settings. */
export function configureAmplify(raw: Record<string, unknown>): AppSettings {
  Amplify.configure(raw as ResourcesConfig);
  const resources = Amplify.getConfig();
  // Amplify always opens subscriptions on wss://; the local server speaks plain ws:// on loopback.
  if (resources.API?.GraphQL?.endpoint.startsWith('http://')) window.WebSocket = localWebSocket(window.WebSocket);
  return settingsOf(raw, resources);
}
