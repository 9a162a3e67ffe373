// The upload must be the caller's (its key holds their sub), processed (READY) and not used yet.
import { util, Context } from '@aws-appsync/utils';
import { ErrorType, failOnError, invalid } from '../lib/errors';
import { keys } from '../lib/keys';
import { getItem } from '../lib/table';

export function request(ctx: Context) {
  return getItem(keys.upload(ctx.stash.sub, ctx.stash.uploadId), true);
}

export function response(ctx: Context) {
  failOnError(ctx);
  const id = ctx.stash.uploadId;
  const upload = ctx.result;
  if (!upload) util.error(`upload ${id} not found`, ErrorType.NotFound, { uploadId: id });
  if (upload.status === 'PENDING') {
    util.error(`upload ${id} is still being processed; try again in a moment`, ErrorType.MediaNotReady, { uploadId: id });
  }
  if (upload.status === 'REJECTED') invalid('uploadId', `the image was rejected: ${upload.reason || 'not a usable image'}`);
  if (upload.postId) util.error(`upload ${id} was already used for post ${upload.postId}`, ErrorType.Conflict, { uploadId: id });
  ctx.stash.media = upload.media;
  return upload;
}
