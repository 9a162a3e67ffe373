// Bindings of the moderation fields: queue, reports, audit log, decisions, and the internal publish
// mutations + admins' subscription (NONE data source: they only trigger subscriptions).
import type { ResolverDef } from '../types.js';

const unit = (typeName: string, fieldName: string, dataSource = 'table'): ResolverDef => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  file: `resolvers/${typeName}.${fieldName}.ts`,
  dataSource,
});

export const moderationResolvers: ResolverDef[] = [
  unit('Query', 'moderationQueue'),
  unit('Query', 'postReports'),
  unit('Query', 'auditLog'),
  {
    typeName: 'Mutation',
    fieldName: 'moderatePost',
    kind: 'PIPELINE',
    file: 'resolvers/Mutation.moderatePost/index.ts',
    functions: ['1.getPost', '2.decide'].map((step) => ({
      file: `resolvers/Mutation.moderatePost/${step}.ts`,
      dataSource: 'table',
    })),
  },
  unit('Mutation', 'publishNotification', 'none'),
  unit('Mutation', 'publishModerationEvent', 'none'),
  unit('Subscription', 'onModerationEvent', 'none'),
];
