// Anonymous people can browse; acting (like, comment, post, redeem) asks them to sign in first.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useAuth } from './AuthContext';
import { navigate, splitLocation, useLocation } from '../router';
import { Dialog } from '../ui/Dialog';

const PromptContext = createContext<(action: string) => void>(() => undefined);

/** Returns `requireSignIn(action)`: true when signed in, otherwise asks to sign in and returns false. */
export function useRequireSignIn(): (action: string) => boolean {
  const { status } = useAuth();
  const ask = useContext(PromptContext);
  return useCallback(
    (action: string) => {
      if (status === 'signedIn') return true;
      ask(action);
      return false;
    },
    [status, ask],
  );
}

export function SignInPromptProvider({ children }: { children: ReactNode }) {
  const [action, setAction] = useState<string | null>(null);
  const location = useLocation();
  const close = () => setAction(null);
  return (
    <PromptContext.Provider value={setAction}>
      {children}
      {action && (
        <Dialog labelledBy="signin-prompt-title" onClose={close}>
          <h2 id="signin-prompt-title">Sign in to {action}</h2>
          <p>Browsing is open to everyone. To {action}, sign in or create a free account.</p>
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => {
                close();
                navigate(`/signin?next=${encodeURIComponent(splitLocation(location).path)}`);
              }}
            >
              Sign in
            </button>
            <button type="button" onClick={close}>
              Not now
            </button>
          </div>
        </Dialog>
      )}
    </PromptContext.Provider>
  );
}
