// Posting: pick an image and a caption → upload ticket → presigned POST straight to S3 (progress bar) →
// wait for the image function (upload READY) → createPost → watch moderation decide, live.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useCreatePostMutation, usePostQuery, useRequestUploadMutation, useUploadQuery } from '../api/generated/hooks';
import type { PostFieldsFragment } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';
import { useRequireSignIn } from '../auth/SignInPrompt';
import { useNotificationEvents } from '../notifications/NotificationsProvider';
import { postToS3, UploadError } from './s3-upload';
import { PostImage } from '../feed/PostImage';
import { LIMITS, UPLOAD } from '../../../resolvers/lib/limits';
import { MyPosts } from './MyPosts';
import { ProfileForm } from './ProfileForm';

// the API contract's limits, from the module the resolvers enforce them with
const IMAGE_TYPES: readonly string[] = UPLOAD.imageTypes;
const MAX_BYTES = UPLOAD.maxBytes;
const CAPTION_MAX = LIMITS.caption;
/** The image function usually answers in well under a second; give up (with a message) after this. */
const PROCESSING_TIMEOUT_MS = 60_000;

type Phase = 'edit' | 'uploading' | 'processing' | 'publishing' | 'done';

const STATUS_WORDS: Record<string, string> = {
  PENDING: 'Waiting for review…',
  APPROVED: 'Approved: it is in the feed.',
  FLAGGED: 'Held for a moderator to review.',
  REJECTED: 'Rejected by moderation.',
};

function checkFile(file: File | null): string | null {
  if (!file) return 'Choose an image first.';
  if (!IMAGE_TYPES.includes(file.type)) return 'Please choose a JPEG, PNG, WebP or GIF image.';
  if (file.size > MAX_BYTES) return 'That image is larger than 10 MB. Please choose a smaller one.';
  if (file.size === 0) return 'That file is empty.';
  return null;
}

export function NewPost() {
  const qc = useQueryClient();
  const requireSignIn = useRequireSignIn();
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [phase, setPhase] = useState<Phase>('edit');
  const [progress, setProgress] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [post, setPost] = useState<PostFieldsFragment | null>(null);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  const ticket = useRequestUploadMutation();
  const create = useCreatePostMutation({
    // The upload can read READY a moment before createPost sees it: MediaNotReady is worth a few retries.
    retry: (failures, err) => err.errorType === 'MediaNotReady' && failures < 5,
    retryDelay: (attempt) => Math.min(250 * 2 ** attempt, 4000),
    onSuccess: ({ createPost }) => {
      setPost(createPost);
      setPhase('done');
      void qc.invalidateQueries({ queryKey: ['MyPosts'] });
    },
    onError: (err) => {
      setError(humanMessage(err));
      setPhase('edit');
    },
  });
  const upload = useUploadQuery(
    { id: uploadId ?? '' },
    { enabled: phase === 'processing' && uploadId !== null, refetchInterval: 500, gcTime: 0 },
  );

  // The image function decides: READY → publish; REJECTED → say why.
  useEffect(() => {
    if (phase !== 'processing' || !upload.data?.upload) return;
    const { status, reason } = upload.data.upload;
    if (status === 'READY' && uploadId) {
      setPhase('publishing');
      create.mutate({ input: { uploadId, caption: caption.trim() } });
    } else if (status === 'REJECTED') {
      setError(`The image was refused${reason ? `: ${reason}` : '.'}`);
      setPhase('edit');
    }
  }, [phase, upload.data, uploadId, caption, create]);

  useEffect(() => {
    if (phase !== 'processing') return undefined;
    const timer = setTimeout(() => {
      setError('Processing the image is taking too long. Please try again.');
      setPhase('edit');
    }, PROCESSING_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [phase]);

  // A decision can land before createPost's answer does (the notification then names a post this page
  // does not know yet): while PENDING, also ask for the post now and then, so it never stays stuck.
  const pending = phase === 'done' && post?.status === 'PENDING';
  const fresh = usePostQuery({ id: post?.id ?? '' }, { enabled: pending, refetchInterval: 3000, gcTime: 0 });
  useEffect(() => {
    const p = fresh.data?.post;
    if (pending && p && p.status !== 'PENDING') setPost(p);
  }, [pending, fresh.data]);

  // Moderation outcome, live: the notification carries the post id.
  useNotificationEvents((n) => {
    if (!post || n.postId !== post.id) return;
    const status = n.kind === 'POST_APPROVED' ? 'APPROVED' : n.kind === 'POST_FLAGGED' ? 'FLAGGED' : n.kind === 'POST_REJECTED' ? 'REJECTED' : null;
    if (status) setPost({ ...post, status });
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!requireSignIn('post photos')) return;
    const problem = checkFile(file) ?? (Array.from(caption.trim()).length > CAPTION_MAX ? `Caption must be at most ${CAPTION_MAX} characters.` : null);
    if (problem || !file) return setError(problem);
    setError(null);
    setProgress(0);
    setPhase('uploading');
    try {
      const { requestUpload } = await ticket.mutateAsync({ input: { contentType: file.type, size: file.size } });
      await postToS3(requestUpload, file, setProgress);
      setUploadId(requestUpload.uploadId);
      setPhase('processing');
    } catch (err) {
      setError(err instanceof UploadError ? err.message : humanMessage(err));
      setPhase('edit');
    }
  };

  const reset = () => {
    setFile(null);
    setCaption('');
    setPost(null);
    setUploadId(null);
    setPhase('edit');
  };

  return (
    <main className="page" aria-labelledby="new-post-title">
      <h1 id="new-post-title">New post</h1>
      <ProfileForm />
      {phase === 'done' && post ? (
        <section aria-live="polite" className="card">
          <PostImage media={post.media} alt={post.caption || 'Your photo'} load />
          <p>{post.caption}</p>
          <p data-testid="post-status" data-status={post.status}>
            <strong>Status:</strong> {STATUS_WORDS[post.status] ?? post.status}
          </p>
          {post.moderationNote && <p>Note: {post.moderationNote}</p>}
          <button type="button" onClick={reset}>
            Post another
          </button>
        </section>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="card stack">
          <label htmlFor="post-file">Photo</label>
          <input
            id="post-file"
            type="file"
            accept={IMAGE_TYPES.join(',')}
            disabled={phase !== 'edit'}
            aria-describedby="post-file-rules"
            aria-invalid={error !== null && file !== null && checkFile(file) !== null}
            onChange={(e) => {
              // refuse a wrong type or size at once, before any upload starts
              const chosen = e.target.files?.[0] ?? null;
              setFile(chosen);
              setError(chosen ? checkFile(chosen) : null);
            }}
          />
          <small id="post-file-rules">JPEG, PNG, WebP or GIF, up to 10 MB.</small>
          {preview && !checkFile(file) && <img className="preview" src={preview} alt="Preview of the chosen photo" />}
          <label htmlFor="post-caption">Caption</label>
          <textarea
            id="post-caption"
            value={caption}
            rows={3}
            maxLength={CAPTION_MAX}
            aria-describedby="caption-count"
            disabled={phase !== 'edit'}
            onChange={(e) => setCaption(e.target.value)}
          />
          <small id="caption-count">
            {Array.from(caption).length}/{CAPTION_MAX}
          </small>
          {phase !== 'edit' && (
            <div aria-live="polite">
              <label htmlFor="upload-progress">
                {phase === 'uploading' ? 'Uploading…' : phase === 'processing' ? 'Processing the image…' : 'Publishing…'}
              </label>
              <progress id="upload-progress" max={100} value={Math.round(progress * 100)} />
            </div>
          )}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={phase !== 'edit'}>
            Share
          </button>
        </form>
      )}
      <MyPosts />
    </main>
  );
}
