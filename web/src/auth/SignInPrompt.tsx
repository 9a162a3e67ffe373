// Anonymous people can browse; acting (like, comment, post, redeem) asks them to sign in first.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useAuth } from './AuthContext';
import { navigate, useLocation } from '../router';

const PromptContext = createContext<(action: string) => void>(() => undefined);

/** Returns `ensureSignedIn(action)`: true when signed in, otherwise asks to sign in and returns false. */
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
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (action) primary.current?.focus();
  }, [action]);
  const close = () => setAction(null);
  return (
    <PromptContext.Provider value={setAction}>
      {children}
      {action && (
        <div className="backdrop" onClick={close}>
          <div
            className="sheet"
            role="dialog"
            aria-modal="true"
            aria-labelledby="signin-prompt-title"
            onClick={(e) => e.stopPropagation()}
            onKeyDown={(e) => e.key === 'Escape' && close()}
          >
            <h2 id="signin-prompt-title">Sign in to {action}</h2>
            <p>Browsing is open to everyone. To {action}, sign in or create a free account.</p>
            <div className="row">
              <button
                ref={primary}
                type="button"
                className="primary"
                onClick={() => {
                  close();
                  navigate(`/signin?next=${encodeURIComponent(location.split('?')[0])}`);
                }}
              >
                Sign in
              </button>
              <button type="button" onClick={close}>
                Not now
              </button>
            </div>
          </div>
        </div>
      )}
    </PromptContext.Provider>
  );
}
