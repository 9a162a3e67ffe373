// Boot: load the client config (written by `npm start`, or by the CDK outputs on AWS), configure Amplify,
// install the API transport, render. Signed-in callers use Cognito; anonymous ones the API key.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { App } from './App';
import { AmplifyAuthProvider } from './auth/AmplifyAuthProvider';
import { configureAmplify, fetchConfig } from './config';
import { createAmplifyTransport, type AuthMode } from './api/amplify-transport';
import { setTransport } from './api/runtime';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function boot() {
  const settings = configureAmplify(await fetchConfig());
  let authMode: AuthMode = 'apiKey';
  setTransport(createAmplifyTransport(() => authMode));
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: (n, err) => n < 2 && (err as { errorType?: string }).errorType === 'NetworkError' },
      mutations: { retry: false },
    },
  });
  let lastSub: string | null | undefined;
  root.render(
    <StrictMode>
      <AmplifyAuthProvider
        onChange={(user) => {
          authMode = user ? 'userPool' : 'apiKey';
          // someone else now: drop what the previous person could see
          if (lastSub !== undefined && lastSub !== (user?.sub ?? null)) queryClient.clear();
          lastSub = user?.sub ?? null;
        }}
      >
        <App queryClient={queryClient} authFlowType={settings.authFlowType} />
      </AmplifyAuthProvider>
    </StrictMode>,
  );
}

boot().catch((err: unknown) => {
  root.render(
    <main className="page center" role="alert">
      <h1>The app could not start</h1>
      <p>{err instanceof Error ? err.message : String(err)}</p>
    </main>,
  );
});
