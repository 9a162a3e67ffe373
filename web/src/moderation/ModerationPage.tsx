// Moderation, for the Cognito group `admins` only (the API enforces it too): the queue of flagged and
// reported posts with their images and reports, approve/reject with a note, and the day's audit log.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  useAuditLogQuery,
  useModeratePostMutation,
  useModerationQueueInfiniteQuery,
  useOnModerationEventSubscription,
  usePostReportsQuery,
} from '../api/generated/hooks';
import type { ModerationDecision, ModerationQueueQuery } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';
import { useAuth } from '../auth/AuthContext';
import { Link } from '../router';
import { PostImage } from '../feed/PostImage';
import { patchPost } from '../feed/cache';
import { useToast } from '../ui/Toasts';

type QueuedPost = ModerationQueueQuery['moderationQueue']['items'][number];

const today = () => new Date().toISOString().slice(0, 10);

function Reports({ postId }: { postId: string }) {
  const reports = usePostReportsQuery({ postId, limit: 20 });
  if (reports.isPending) return <p>Loading reports…</p>;
  if (reports.isError) return <p role="alert">{humanMessage(reports.error)}</p>;
  const items = reports.data.postReports.items;
  if (items.length === 0) return <p>No reports: flagged by the automatic check.</p>;
  return (
    <ul className="reports">
      {items.map((r) => (
        <li key={r.reporterId}>“{r.reason}”</li>
      ))}
    </ul>
  );
}

function QueueItem({ post }: { post: QueuedPost }) {
  const qc = useQueryClient();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [showReports, setShowReports] = useState(post.reportCount > 0);
  const decide = useModeratePostMutation({
    onSuccess: ({ moderatePost: p }) => {
      patchPost(qc, p.id, null); // out of the queue (and out of the feed if rejected; approved ones refetch)
      void qc.invalidateQueries({ queryKey: ['Feed'] });
      void qc.invalidateQueries({ queryKey: ['AuditLog'] });
      toast(p.status === 'APPROVED' ? 'Approved: the post is in the feed.' : 'Rejected: the author was told.', 'success');
    },
  });
  const act = (decision: ModerationDecision) => decide.mutate({ input: { postId: post.id, decision, note: note.trim() || null } });
  const noteId = `note-${post.id}`;
  return (
    <li className="card queue-item" data-testid="queue-item" data-post-id={post.id}>
      <PostImage media={post.media} alt={post.caption || `Photo by @${post.authorHandle}`} load />
      <div className="stack">
        <p>
          <strong>@{post.authorHandle}</strong> {post.caption}
        </p>
        <p>
          <span className={`badge status-${post.status.toLowerCase()}`}>{post.status.toLowerCase()}</span> · {post.reportCount} report
          {post.reportCount === 1 ? '' : 's'}
          {post.moderationNote && <> · {post.moderationNote}</>}
        </p>
        <button type="button" aria-expanded={showReports} onClick={() => setShowReports((v) => !v)}>
          {showReports ? 'Hide reports' : 'Show reports'}
        </button>
        {showReports && <Reports postId={post.id} />}
        <label htmlFor={noteId}>Note (sent to the author)</label>
        <textarea id={noteId} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
        {decide.isError && <p role="alert">{humanMessage(decide.error)}</p>}
        <div className="row">
          <button type="button" className="primary" disabled={decide.isPending} onClick={() => act('APPROVE')}>
            Approve
          </button>
          <button type="button" className="danger" disabled={decide.isPending} onClick={() => act('REJECT')}>
            Reject
          </button>
        </div>
      </div>
    </li>
  );
}

function AuditLog() {
  const [day, setDay] = useState(today());
  const log = useAuditLogQuery({ day, limit: 50 });
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <label htmlFor="audit-day">Day (UTC)</label> <input id="audit-day" type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
      {log.isError && <p role="alert">{humanMessage(log.error)}</p>}
      {log.data?.auditLog.items.length === 0 && <p>No decisions that day.</p>}
      <ul className="list">
        {log.data?.auditLog.items.map((a) => (
          <li key={a.id} data-testid="audit-entry">
            <strong>{a.decision === 'APPROVE' ? 'Approved' : 'Rejected'}</strong> post {a.postId}
            {a.note && <> — “{a.note}”</>} <small>by {a.adminId} at {new Date(a.createdAt).toLocaleTimeString()}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ModerationConsole() {
  const qc = useQueryClient();
  const queue = useModerationQueueInfiniteQuery({ limit: 20 });
  useOnModerationEventSubscription({}, { onData: () => void qc.invalidateQueries({ queryKey: ['ModerationQueue'] }) });
  const items = queue.data?.pages.flatMap((p) => p.moderationQueue.items) ?? [];
  return (
    <main className="page" aria-labelledby="moderation-title">
      <h1 id="moderation-title">Moderation</h1>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Queue</h2>
        {queue.isPending && <p>Loading the queue…</p>}
        {queue.isError && <p role="alert">{humanMessage(queue.error)}</p>}
        {queue.isSuccess && items.length === 0 && <p>The queue is empty. Nothing waits for a decision.</p>}
        <ul className="list">
          {items.map((p) => (
            <QueueItem key={p.id} post={p} />
          ))}
        </ul>
        {queue.hasNextPage && (
          <button type="button" onClick={() => void queue.fetchNextPage()}>
            More
          </button>
        )}
      </section>
      <AuditLog />
    </main>
  );
}

/** The route: admins get the console; anyone else a plain explanation and no admin request at all. */
export function ModerationPage() {
  const { status, user } = useAuth();
  if (status === 'loading') return <p className="page">Loading…</p>;
  if (!user?.isAdmin)
    return (
      <main className="page" aria-labelledby="moderation-title">
        <h1 id="moderation-title">Moderation</h1>
        <p role="alert">This page is for moderators only.</p>
        <Link to="/">Back to the feed</Link>
      </main>
    );
  return <ModerationConsole />;
}
