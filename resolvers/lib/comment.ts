// Comment items → the schema's Comment.
import type { Comment } from '../../infra/generated/graphql';

export interface CommentItem {
  id: string;
  postId: string;
  authorId: string;
  authorHandle: string;
  text: string;
  createdAt: string;
}

export function toComment(item: CommentItem): Comment {
  return {
    id: item.id,
    postId: item.postId,
    authorId: item.authorId,
    authorHandle: item.authorHandle,
    text: item.text,
    createdAt: item.createdAt,
  };
}
