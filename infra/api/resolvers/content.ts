// Bindings of the "content" fields: feed, posts, uploads, likes, comments, reports, profiles,
// notifications. Data sources: `table` (DynamoDB), `none`, `uploadTicket` (Lambda).
import type { ResolverDef } from '../types.js';
import { pipeline, unit } from './bind.js';

export const contentResolvers: ResolverDef[] = [
  unit('Query', 'feed', 'table'),
  unit('Query', 'post', 'table'),
  unit('Query', 'userPosts', 'table'),
  unit('Query', 'myPosts', 'table'),
  pipeline('Query', 'comments', ['1.getPost.ts', '2.listComments.ts']),
  unit('Query', 'likedPosts', 'table'),
  unit('Query', 'profile', 'table'),
  unit('Query', 'me', 'table'),
  unit('Query', 'upload', 'table'),
  pipeline('Query', 'notifications', ['1.getReadMark.ts', '2.listNotifications.ts', '3.countUnread.ts']),

  unit('Mutation', 'requestUpload', 'uploadTicket'),
  pipeline('Mutation', 'createPost', ['1.getUpload.ts', '2.getHandle.ts', '3.savePost.ts']),
  pipeline('Mutation', 'deletePost', ['1.getPost.ts', '2.deletePost.ts']),
  pipeline('Mutation', 'likePost', ['1.getPost.ts', '2.getHandle.ts', '3.saveLike.ts', '4.getCounts.ts']),
  pipeline('Mutation', 'unlikePost', ['1.getPost.ts', '2.deleteLike.ts', '3.getCounts.ts']),
  pipeline('Mutation', 'addComment', ['1.getPost.ts', '2.getHandle.ts', '3.saveComment.ts']),
  pipeline('Mutation', 'reportPost', ['1.getPost.ts', '2.saveReport.ts', '3.queuePost.ts']),
  unit('Mutation', 'updateProfile', 'table'),
  pipeline('Mutation', 'markNotificationsRead', ['1.getReadMark.ts', '2.saveReadMark.ts', '3.countUnread.ts']),

  unit('Subscription', 'onNotification', 'none'),
  unit('Subscription', 'onPostCounts', 'none'),
];
