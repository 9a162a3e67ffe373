// The signed-in person's own posts in every status, so they can follow moderation.
import { useAuth } from '../auth/AuthContext';
import { useMyPostsQuery } from '../api/generated/hooks';
import { humanMessage } from '../api/errors';

export function MyPosts() {
  const { status } = useAuth();
  const mine = useMyPostsQuery({ limit: 20 }, { enabled: status === 'signedIn' });
  if (status !== 'signedIn') return null;
  return (
    <section aria-labelledby="my-posts-title">
      <h2 id="my-posts-title">My posts</h2>
      {mine.isError && <p role="alert">{humanMessage(mine.error)}</p>}
      {mine.data?.myPosts.items.length === 0 && <p>You have not posted yet.</p>}
      <ul className="thumbs">
        {mine.data?.myPosts.items.map((p) => (
          <li key={p.id} data-testid="my-post" data-status={p.status}>
            <img src={p.media.variants[0]?.url} alt={p.caption || 'Your photo'} width={80} height={80} loading="lazy" />
            <span>{p.caption}</span>
            <span className={`badge status-${p.status.toLowerCase()}`}>{p.status.toLowerCase()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
