// Bindings of the moderation fields: queue, reports, audit log, decisions, and the internal publish
// mutations + admins' subscription (NONE data source: they only trigger subscriptions).
import type { ResolverDef } from '../types.js';
import { pipeline, unit } from './bind.js';

export const moderationResolvers: ResolverDef[] = [
  unit('Query', 'moderationQueue'),
  unit('Query', 'postReports'),
  unit('Query', 'auditLog'),
  pipeline('Mutation', 'moderatePost', ['1.getPost.ts', '2.decide.ts']),
  unit('Mutation', 'publishNotification', 'none'),
  unit('Mutation', 'publishModerationEvent', 'none'),
  unit('Subscription', 'onModerationEvent', 'none'),
];
