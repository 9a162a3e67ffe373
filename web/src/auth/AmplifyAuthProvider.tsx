// Tracks the Amplify Auth session (Hub events) and exposes it as AuthContext.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Hub } from 'aws-amplify/utils';
import { fetchAuthSession, signOut } from 'aws-amplify/auth';
import { AuthContext, type AuthState, type AuthUser } from './AuthContext';

async function readUser(): Promise<AuthUser | null> {
  try {
    const session = await fetchAuthSession();
    const claims = session.tokens?.idToken?.payload;
    if (!claims?.sub) return null;
    const groups = (claims['cognito:groups'] as string[] | undefined) ?? [];
    return {
      sub: String(claims.sub),
      username: String(claims['cognito:username'] ?? claims.sub),
      email: claims.email ? String(claims.email) : undefined,
      isAdmin: groups.includes('admins'),
    };
  } catch {
    return null;
  }
}

export function AmplifyAuthProvider({ children, onChange }: { children: ReactNode; onChange?: (user: AuthUser | null) => void }) {
  const [user, setUser] = useState<AuthUser | null | undefined>(undefined);
  const changed = useRef(onChange);
  changed.current = onChange;

  const refresh = useCallback(async () => {
    const next = await readUser();
    changed.current?.(next); // before the re-render, so requests after it use the right auth mode
    setUser(next);
  }, []);

  useEffect(() => {
    void refresh();
    return Hub.listen('auth', ({ payload }) => {
      if (['signedIn', 'signedOut', 'tokenRefresh', 'tokenRefresh_failure'].includes(payload.event)) void refresh();
    });
  }, [refresh]);

  const value = useMemo<AuthState>(
    () => ({
      status: user === undefined ? 'loading' : user ? 'signedIn' : 'signedOut',
      user: user ?? null,
      signOut: () => signOut(),
    }),
    [user],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
