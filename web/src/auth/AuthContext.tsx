// Who is using the app: signed out (browsing with the API key), or a Cognito user (maybe an admin).
import { createContext, useContext } from 'react';

export interface AuthUser {
  sub: string;
  username: string;
  email?: string;
  /** Member of the Cognito group `admins` (the API checks it again on every admin field). */
  isAdmin: boolean;
}

export interface AuthState {
  status: 'loading' | 'signedOut' | 'signedIn';
  user: AuthUser | null;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthState>({
  status: 'signedOut',
  user: null,
  signOut: async () => undefined,
});

export const useAuth = (): AuthState => useContext(AuthContext);
