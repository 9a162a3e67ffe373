// Profile items. A profile item appears the first time something writes to it (a post, a profile edit,
// a read mark), so every write to it is an upsert that fills the defaults with if_not_exists.
import type { Profile } from '../../infra/generated/graphql';

export interface ProfileItem {
  id: string;
  handle: string;
  bio?: string | null;
  postCount?: number;
  createdAt: string;
  /** the newest notification id the user has read (markNotificationsRead) */
  notifsReadUpTo?: string;
}

export function toProfile(item: ProfileItem): Profile {
  return {
    id: item.id,
    handle: item.handle,
    bio: item.bio || null,
    postCount: item.postCount || 0,
    createdAt: item.createdAt,
  };
}

/** The profile shown before the user has stored one: the Cognito username as the handle. */
export function defaultProfile(sub: string, username: string, now: string): Profile {
  return { id: sub, handle: username, bio: null, postCount: 0, createdAt: now };
}

/**
 * SET clauses (and their names/values) that create a valid profile if the item does not exist yet and
 * leave an existing one alone; combine with the update's own clauses. `newHandle` sets the handle
 * instead of defaulting it.
 */
export function profileDefaults(sub: string, username: string, now: string, newHandle?: string) {
  return {
    sets: [
      '#pid = if_not_exists(#pid, :pid)',
      newHandle ? '#phandle = :phandle' : '#phandle = if_not_exists(#phandle, :phandle)',
      '#pcreated = if_not_exists(#pcreated, :pnow)',
      '#ptype = :ptype',
    ],
    names: { '#pid': 'id', '#phandle': 'handle', '#pcreated': 'createdAt', '#ptype': 'type' },
    values: { ':pid': sub, ':phandle': newHandle || username, ':pnow': now, ':ptype': 'PROFILE' },
  };
}
