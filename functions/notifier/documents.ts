// The IAM-only publish mutations. They select every field of Notification / ModerationEvent because a
// subscriber only receives fields the triggering mutation selected (a unit test checks this against the schema).
export const PUBLISH_NOTIFICATION = /* GraphQL */ `
  mutation PublishNotification($input: PublishNotificationInput!) {
    publishNotification(input: $input) {
      id
      userId
      kind
      message
      postId
      actorId
      actorHandle
      amount
      balance
      read
      createdAt
    }
  }
`;

export const PUBLISH_MODERATION_EVENT = /* GraphQL */ `
  mutation PublishModerationEvent($input: PublishModerationEventInput!) {
    publishModerationEvent(input: $input) {
      postId
      status
      reason
      createdAt
    }
  }
`;
