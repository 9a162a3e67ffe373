// One transaction: put the POST (only the byAuthor index keys: moderation adds the feed keys when it
// approves), mark the upload used (condition READY and unused: two concurrent calls make one post), and
// count the post on the author's profile (creating the profile if this is its first write).
import { util, Context } from '@aws-appsync/utils';
import type { Post } from '../../infra/generated/graphql';
import { ErrorType, failOnError } from '../lib/errors';
import { callerUsername } from '../lib/identity';
import { indexKeys, keys } from '../lib/keys';
import { toPost, type PostItem } from '../lib/post';
import { profileDefaults } from '../lib/profile';
import { failedConditions, tableName } from '../lib/table';

export function request(ctx: Context) {
  const { sub, postId, uploadId, caption, media, handle, now } = ctx.stash;
  const table = tableName(ctx);
  const post: PostItem = {
    id: postId,
    authorId: sub,
    authorHandle: handle,
    caption,
    media,
    status: 'PENDING',
    likeCount: 0,
    commentCount: 0,
    reportCount: 0,
    createdAt: now,
  };
  ctx.stash.postItem = post;
  const profile = profileDefaults(sub, callerUsername(ctx), now);
  return {
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table,
        operation: 'PutItem',
        key: util.dynamodb.toMapValues(keys.post(postId)),
        attributeValues: util.dynamodb.toMapValues({
          type: 'POST',
          ...post,
          ...indexKeys.author(sub, 'PENDING', postId),
        }),
        condition: { expression: 'attribute_not_exists(PK)' },
      },
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.upload(sub, uploadId)),
        update: {
          expression: 'SET #postId = :postId',
          expressionNames: { '#postId': 'postId' },
          expressionValues: util.dynamodb.toMapValues({ ':postId': postId }),
        },
        condition: {
          expression: '#status = :ready AND attribute_not_exists(#postId)',
          expressionNames: { '#status': 'status', '#postId': 'postId' },
          expressionValues: util.dynamodb.toMapValues({ ':ready': 'READY' }),
        },
      },
      {
        table,
        operation: 'UpdateItem',
        key: util.dynamodb.toMapValues(keys.profile(sub)),
        update: {
          expression: `SET ${profile.sets.join(', ')} ADD postCount :one`,
          expressionNames: profile.names,
          expressionValues: util.dynamodb.toMapValues({ ...profile.values, ':one': 1 }),
        },
      },
    ],
  };
}

export function response(ctx: Context): Post {
  const failed = failedConditions(ctx);
  if (failed && failed[1]) {
    util.error(`upload ${ctx.stash.uploadId} was already used for a post`, ErrorType.Conflict, {
      uploadId: ctx.stash.uploadId,
    });
  }
  failOnError(ctx);
  return toPost(ctx.stash.postItem, ctx.env.MEDIA_BASE_URL, { sub: ctx.stash.sub, admin: false });
}
