// moderatePost step 2: one TransactWriteItems — the post (only if its status is still what step 1 read, so
// a decision never silently overrides a concurrent one or the moderation function), the audit entry and
// the author's notification (TTL 30 days).
import { util, Context } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
import { ErrorType } from '../lib/errors';
import { indexKeys, keys } from '../lib/keys';
import { failedConditions, tableName } from '../lib/table';
import { NOTIFICATION_DAYS } from '../lib/moderation';
import { toPost } from '../lib/post';

const POST = 0;

/** The post's attribute changes for a decision: status, index keys and the note. */
function postChanges(post: any, decision: string, note: string | null): Record<string, unknown> {
  const status = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
  const feed = indexKeys.feed(post.createdAt, post.id);
  const changes: Record<string, unknown> = {
    status,
    authorSK: indexKeys.author(post.authorId, status, post.id).authorSK,
    queuePK: ddb.operations.remove(),
    queueSK: ddb.operations.remove(),
    feedPK: status === 'APPROVED' ? feed.feedPK : ddb.operations.remove(),
    feedSK: status === 'APPROVED' ? feed.feedSK : ddb.operations.remove(),
  };
  // Approving clears the report count, so it takes REPORTS_TO_QUEUE new reports to re-queue the post (not one
  // more). The REPORT#<sub> items stay: who already reported still cannot report it again.
  if (status === 'APPROVED') changes.reportCount = 0;
  // A note replaces the old one; approving without a note clears the flag's reason; rejecting keeps it.
  if (note !== null) changes.moderationNote = note;
  else if (status === 'APPROVED') changes.moderationNote = ddb.operations.remove();
  return changes;
}

function message(decision: string, note: string | null): string {
  if (decision === 'APPROVE') return 'Your post was approved and is now in the feed.';
  return note === null ? 'Your post was removed by a moderator.' : `Your post was removed by a moderator: ${note}`;
}

export function request(ctx: Context) {
  const table = tableName(ctx);
  const { post, decision, note, adminId, now, nowSeconds } = ctx.stash;
  const auditId = util.autoUlid();
  const notifId = util.autoUlid();
  const changes = postChanges(post, decision, note);
  ctx.stash.changes = { status: changes.status, note };
  return ddb.transactWrite({
    items: [
      {
        updateItem: {
          table,
          key: keys.post(post.id),
          update: changes,
          condition: { status: { eq: post.status } },
        },
      },
      {
        putItem: {
          table,
          key: keys.audit(now.substring(0, 10), auditId),
          item: { type: 'AUDIT', id: auditId, postId: post.id, adminId, decision, note, createdAt: now },
          condition: { PK: { attributeExists: false } },
        },
      },
      {
        putItem: {
          table,
          key: keys.notification(post.authorId, notifId),
          item: {
            type: 'NOTIF',
            id: notifId,
            userId: post.authorId,
            kind: decision === 'APPROVE' ? 'POST_APPROVED' : 'POST_REJECTED',
            message: message(decision, note),
            postId: post.id,
            read: false,
            createdAt: now,
            expiresAt: nowSeconds + NOTIFICATION_DAYS * 86400,
          },
          condition: { PK: { attributeExists: false } },
        },
      },
    ],
  });
}

export function response(ctx: Context) {
  if (ctx.error) {
    const failed = failedConditions(ctx) || [];
    if (failed[POST]) {
      util.error('the post changed while you were deciding; reload it and decide again', ErrorType.Conflict);
    }
    util.error(ctx.error.message, ctx.error.type);
  }
  const { post, changes } = ctx.stash;
  const moderationNote = changes.note !== null ? changes.note : changes.status === 'APPROVED' ? null : post.moderationNote;
  const viewer = { sub: ctx.stash.adminId, admin: true };
  const reportCount = changes.status === 'APPROVED' ? 0 : post.reportCount;
  return toPost({ ...post, status: changes.status, moderationNote, reportCount }, ctx.env.MEDIA_BASE_URL, viewer);
}
