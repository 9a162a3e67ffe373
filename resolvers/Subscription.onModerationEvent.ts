// Subscription.onModerationEvent (admins): every admin sees every event, so no filter; the group is checked
// here too (defence in depth behind the schema's cognito_groups).
import { Context } from '@aws-appsync/utils';
import { requireAdmin } from './lib/identity';

export function request(ctx: Context) {
  requireAdmin(ctx);
  return { payload: null };
}

export function response() {
  return null;
}
