// A tiny hash router (the app has a handful of pages; no dependency needed). Paths look like
// "#/wallet"; the part after "?" is the query (e.g. "#/signin?next=/wallet").
import { useSyncExternalStore, type AnchorHTMLAttributes } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const read = () => window.location.hash.replace(/^#/, '') || '/';

/** The current route, e.g. "/wallet" or "/signin?next=/wallet". */
export function useLocation(): string {
  return useSyncExternalStore(subscribe, read, () => '/');
}

export function splitLocation(location: string): { path: string; query: URLSearchParams } {
  const [path, query = ''] = location.split('?');
  return { path: path || '/', query: new URLSearchParams(query) };
}

export function navigate(to: string): void {
  window.location.hash = to;
}

export function Link({ to, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return <a href={`#${to}`} {...rest} />;
}
