// The publish mutations select every field subscribers can ask for (checked against schema.graphql), and the
// inputs built from stored items are valid for the schema's input types.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLObjectType, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PUBLISH_MODERATION_EVENT, PUBLISH_NOTIFICATION } from '../../../functions/notifier/documents.js';
import { moderationEventInput, notificationInput } from '../../../functions/notifier/publish.js';

const root = new URL('../../../', import.meta.url);
const schema = buildSchema(
  readFileSync(new URL('infra/appsync-builtins.graphql', root), 'utf8') + readFileSync(new URL('schema.graphql', root), 'utf8'),
);

function selected(document: string): string[] {
  const op = parse(document).definitions[0] as OperationDefinitionNode;
  const field = op.selectionSet.selections[0] as FieldNode;
  return field.selectionSet!.selections.map((s) => (s as FieldNode).name.value).sort();
}

describe('notifier documents', () => {
  it.each([
    [PUBLISH_NOTIFICATION, 'Notification'],
    [PUBLISH_MODERATION_EVENT, 'ModerationEvent'],
  ])('are valid and select every field of %#', (document, typeName) => {
    expect(validate(schema, parse(document))).toEqual([]);
    const type = schema.getType(typeName) as GraphQLObjectType;
    expect(selected(document)).toEqual(Object.keys(type.getFields()).sort());
  });
});

describe('publication inputs', () => {
  it('a notification item → PublishNotificationInput (no table-only attributes)', () => {
    const input = notificationInput({ PK: 'USER#u', SK: 'NOTIF#1', type: 'NOTIFICATION', id: '1', userId: 'u', kind: 'POST_APPROVED', message: 'm', postId: 'p', read: false, createdAt: 't', expiresAt: 1 });
    expect(input).toEqual({ id: '1', userId: 'u', kind: 'POST_APPROVED', message: 'm', postId: 'p', actorId: undefined, actorHandle: undefined, amount: undefined, balance: undefined, createdAt: 't' });
  });
  it('a flagged post explains with its note; a reported one with its report count', () => {
    expect(moderationEventInput({ id: 'p', status: 'FLAGGED', moderationNote: 'caption has 3 links', queueSK: '2026-11-22T01:00:00.000Z#p' })).toEqual({
      postId: 'p',
      status: 'FLAGGED',
      reason: 'caption has 3 links',
      createdAt: '2026-11-22T01:00:00.000Z',
    });
    expect(moderationEventInput({ id: 'p', status: 'APPROVED', reportCount: 3, queueSK: 'T#p' }).reason).toBe('reported 3 times');
  });
});
