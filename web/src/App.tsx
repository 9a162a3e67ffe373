// The app shell: providers, the pages by route, and a bottom tab bar sized for phones.
import { lazy, Suspense, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Link, splitLocation, useLocation } from './router';
import { useAuth } from './auth/AuthContext';
import { SignInPromptProvider, useRequireSignIn } from './auth/SignInPrompt';
import { ToastProvider } from './ui/Toasts';
import { NotificationsProvider, useUnreadCount } from './notifications/NotificationsProvider';
import { Feed } from './feed/Feed';
import type { AuthFlowType } from './config';

// Pages off the feed's critical path load on demand (the Authenticator alone is most of the JS).
const SignInPage = lazy(() => import('./auth/SignInPage'));
const NewPost = lazy(() => import('./post/NewPost').then((m) => ({ default: m.NewPost })));
const WalletPage = lazy(() => import('./wallet/WalletPage').then((m) => ({ default: m.WalletPage })));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })));
const ModerationPage = lazy(() => import('./moderation/ModerationPage').then((m) => ({ default: m.ModerationPage })));

function SignedInOnly({ action, children }: { action: string; children: ReactNode }) {
  const { status } = useAuth();
  const requireSignIn = useRequireSignIn();
  if (status === 'loading') return <p className="page">Loading…</p>;
  if (status !== 'signedIn')
    return (
      <main className="page center">
        <p>Sign in to {action}.</p>
        <button type="button" className="primary" onClick={() => requireSignIn(action)}>
          Sign in
        </button>
      </main>
    );
  return <>{children}</>;
}

function Page({ authFlowType }: { authFlowType: AuthFlowType }) {
  const { path, query } = splitLocation(useLocation());
  switch (path) {
    case '/':
      return <Feed />;
    case '/signin':
      return <SignInPage authFlowType={authFlowType} next={query.get('next') || '/'} />;
    case '/post':
      return (
        <SignedInOnly action="post photos">
          <NewPost />
        </SignedInOnly>
      );
    case '/wallet':
      return (
        <SignedInOnly action="see your coins">
          <WalletPage />
        </SignedInOnly>
      );
    case '/notifications':
      return (
        <SignedInOnly action="see your notifications">
          <NotificationsPage />
        </SignedInOnly>
      );
    case '/moderation':
      return <ModerationPage />;
    default:
      return (
        <main className="page center">
          <p>There is nothing here.</p>
          <Link to="/">Back to the feed</Link>
        </main>
      );
  }
}

function TabBar() {
  const { status, user, signOut } = useAuth();
  const unread = useUnreadCount();
  const { path } = splitLocation(useLocation());
  const current = (to: string) => (path === to ? 'page' : undefined);
  return (
    <nav className="tabbar" aria-label="Main">
      <Link to="/" aria-current={current('/')}>
        Feed
      </Link>
      <Link to="/post" aria-current={current('/post')}>
        Post
      </Link>
      <Link to="/notifications" aria-current={current('/notifications')} aria-label={unread ? `Notifications (${unread} unread)` : 'Notifications'}>
        Alerts{unread > 0 && <span className="badge" data-testid="unread-count">{unread}</span>}
      </Link>
      <Link to="/wallet" aria-current={current('/wallet')}>
        Wallet
      </Link>
      {user?.isAdmin && (
        <Link to="/moderation" aria-current={current('/moderation')}>
          Moderate
        </Link>
      )}
      {status === 'signedIn' ? (
        <button type="button" className="link" onClick={() => void signOut()}>
          Sign out
        </button>
      ) : (
        <Link to="/signin" aria-current={current('/signin')}>
          Sign in
        </Link>
      )}
    </nav>
  );
}

/** Everything below the auth provider (which differs between the app and tests). */
export function App({ queryClient, authFlowType }: { queryClient: QueryClient; authFlowType: AuthFlowType }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SignInPromptProvider>
          <NotificationsProvider>
            <div className="app">
              <a className="skip" href="#content">
                Skip to content
              </a>
              <div id="content" className="content">
                <Suspense fallback={<p className="page">Loading…</p>}>
                  <Page authFlowType={authFlowType} />
                </Suspense>
              </div>
              <TabBar />
            </div>
          </NotificationsProvider>
        </SignInPromptProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
