// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { NewPost } from './NewPost';
import { ApiError } from '../api/errors';
import { NotificationsProvider } from '../notifications/NotificationsProvider';
import { fakeApi, renderApp, users } from '../test/harness';
import { post } from '../test/fixtures';
import type { NotificationFieldsFragment } from '../api/generated/graphql';

/** Stands in for the browser's XMLHttpRequest: the test drives upload progress and the answer. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  body: FormData | null = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }));
  }
  finish(status: number, responseText = '') {
    this.status = status;
    this.responseText = responseText;
    act(() => this.onload?.());
  }
}

beforeEach(() => {
  FakeXhr.last = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ticket = {
  requestUpload: {
    uploadId: 'up-1',
    url: 'http://s3.test/media',
    fields: JSON.stringify({ key: 'uploads/sub-alice/up-1', Policy: 'p' }),
    maxBytes: 10485760,
    expiresAt: '2026-11-22T10:05:00.000Z',
  },
};
const base = {
  Me: () => ({ me: { id: users.alice.sub, handle: 'alice', bio: null, postCount: 0, createdAt: '2026-11-22T10:00:00.000Z' } }),
  MyPosts: () => ({ myPosts: { items: [], nextToken: null } }),
  Notifications: () => ({ notifications: { items: [], nextToken: null, unreadCount: 0 } }),
};

const fileInput = () => screen.getByLabelText('Photo') as HTMLInputElement;
const choose = (file: File) => fireEvent.change(fileInput(), { target: { files: [file] } });
const png = (bytes = 2048) => new File([new Uint8Array(bytes)], 'sunset.png', { type: 'image/png' });
const progress = () => Number(document.querySelector<HTMLProgressElement>('#upload-progress')?.getAttribute('value'));

function renderPage(api: ReturnType<typeof fakeApi>) {
  return renderApp(
    <NotificationsProvider>
      <NewPost />
    </NotificationsProvider>,
    { api, user: users.alice },
  );
}

describe('NewPost', () => {
  it('refuses a file that is not an image, at once and before any upload', async () => {
    const api = fakeApi(base);
    renderPage(api);
    choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    expect(screen.getByRole('alert').textContent).toBe('Please choose a JPEG, PNG, WebP or GIF image.');
    expect(fileInput().getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(screen.getByRole('alert').textContent).toBe('Please choose a JPEG, PNG, WebP or GIF image.');
    expect(api.calls.some((c) => c.operation === 'RequestUpload')).toBe(false);
    expect(FakeXhr.last).toBeNull();
  });

  it('refuses an image over 10 MB before any upload, and forgets the message when a good one is chosen', async () => {
    const api = fakeApi(base);
    renderPage(api);
    choose(png(10 * 1024 * 1024 + 1));
    expect(screen.getByRole('alert').textContent).toBe('That image is larger than 10 MB. Please choose a smaller one.');
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(api.calls.some((c) => c.operation === 'RequestUpload')).toBe(false);

    choose(png());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('img', { name: 'Preview of the chosen photo' })).toBeTruthy();
  });

  it('uploads with an advancing progress bar, retries MediaNotReady, publishes, and follows moderation live', async () => {
    let uploadPolls = 0;
    let createAttempts = 0;
    const api = fakeApi({
      ...base,
      RequestUpload: () => ticket,
      Upload: () => ({ upload: { id: 'up-1', status: ++uploadPolls < 2 ? 'PENDING' : 'READY', reason: null } }),
      Post: () => ({ post: post(7, { id: 'new-post', caption: 'Evening walk', status: 'PENDING' }) }),
      CreatePost: ({ input }) => {
        createAttempts += 1;
        if (createAttempts === 1) throw new ApiError('upload up-1 is still being processed; try again in a moment', 'MediaNotReady');
        return { createPost: post(7, { id: 'new-post', caption: input.caption, status: 'PENDING', authorId: users.alice.sub }) };
      },
    });
    renderPage(api);
    choose(png(4096));
    fireEvent.change(screen.getByLabelText('Caption'), { target: { value: ' Evening walk ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));

    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    const xhr = FakeXhr.last!;
    expect(api.calls.find((c) => c.operation === 'RequestUpload')?.variables).toEqual({ input: { contentType: 'image/png', size: 4096 } });
    expect([xhr.method, xhr.url]).toEqual(['POST', 'http://s3.test/media']);
    // the policy's fields first, the file last (S3 ignores fields after the file)
    expect([...xhr.body!.keys()]).toEqual(['key', 'Policy', 'file']);
    expect(screen.getByText('Uploading…')).toBeTruthy();
    expect(progress()).toBe(0);
    expect((screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement).disabled).toBe(true);

    xhr.progress(1024, 4096);
    expect(progress()).toBe(25);
    xhr.progress(3072, 4096);
    expect(progress()).toBe(75);
    xhr.finish(204);
    expect(progress()).toBe(100);

    // polls upload(id) until READY, then createPost: refused once (MediaNotReady), retried without a word
    const status = await screen.findByTestId('post-status', {}, { timeout: 4000 });
    expect(status.textContent).toBe('Status: Waiting for review…');
    expect(uploadPolls).toBeGreaterThanOrEqual(2);
    expect(createAttempts).toBe(2);
    expect(api.calls.filter((c) => c.operation === 'CreatePost').map((c) => c.variables)).toEqual([
      { input: { uploadId: 'up-1', caption: 'Evening walk' } },
      { input: { uploadId: 'up-1', caption: 'Evening walk' } },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();

    const approved: NotificationFieldsFragment = {
      id: 'n1', userId: users.alice.sub, kind: 'POST_APPROVED', message: 'Your post is live', postId: 'new-post',
      actorId: null, actorHandle: null, amount: null, balance: null, read: false, createdAt: '2026-11-22T10:00:05.000Z',
    };
    act(() => api.emit('OnNotification', { onNotification: approved }));
    await waitFor(() => expect(screen.getByTestId('post-status').textContent).toBe('Status: Approved: it is in the feed.'));
  });

  it('says why S3 refused the upload and lets the person try again', async () => {
    const api = fakeApi({ ...base, RequestUpload: () => ticket });
    renderPage(api);
    choose(png());
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    FakeXhr.last!.finish(403, '<Error><Code>AccessDenied</Code><Message>Policy expired.</Message></Error>');
    expect((await screen.findByRole('alert')).textContent).toBe('The upload was refused: Policy expired.');
    expect((screen.getByRole('button', { name: 'Share' }) as HTMLButtonElement).disabled).toBe(false);
    expect(api.calls.some((c) => c.operation === 'Upload' || c.operation === 'CreatePost')).toBe(false);
  });

  it('does not stay stuck on "waiting" when the decision came before the post was known', async () => {
    const api = fakeApi({
      ...base,
      RequestUpload: () => ticket,
      Upload: () => ({ upload: { id: 'up-1', status: 'READY', reason: null } }),
      CreatePost: () => ({ createPost: post(7, { id: 'new-post', status: 'PENDING' }) }),
      Post: () => ({ post: post(7, { id: 'new-post', status: 'APPROVED' }) }), // the missed notification's outcome
    });
    renderPage(api);
    choose(png());
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    await waitFor(() => expect(FakeXhr.last).not.toBeNull());
    FakeXhr.last!.finish(204);
    expect((await screen.findByTestId('post-status')).textContent).toBe('Status: Waiting for review…');
    await waitFor(() => expect(screen.getByTestId('post-status').textContent).toBe('Status: Approved: it is in the feed.'));
    expect(api.calls.filter((c) => c.operation === 'Post')[0]?.variables).toEqual({ id: 'new-post' });
  });
});
