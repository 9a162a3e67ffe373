// Coin arithmetic and wording, kept pure so the rules are unit-tested without a database.
import { DAILY_CAP } from '../../resolvers/lib/keys.js';
import type { CreditEvent } from './events.js';

/** What a credit may add today: the base amount clamped to what is left of the daily cap (never negative). */
export function clampCredit(base: number, earnedToday: number, cap: number = DAILY_CAP): number {
  return Math.max(0, Math.min(base, cap - earnedToday));
}

const coins = (n: number) => `${n} coin${n === 1 ? '' : 's'}`;

/** The ledger entry's reason. */
export function ledgerReason(event: CreditEvent): string {
  switch (event.kind) {
    case 'POST_CREATED':
      return 'Posted an image';
    case 'COMMENT_WRITTEN':
      return 'Wrote a comment';
    case 'LIKE_RECEIVED':
      return `${event.actorHandle ? `@${event.actorHandle}` : 'Someone'} liked your post`;
  }
}

/** The notification text; it says so when the daily cap left nothing (or less than usual). */
export function notificationMessage(event: CreditEvent, amount: number, cap: number = DAILY_CAP): string {
  const capped = amount < event.base ? ` (daily limit of ${cap} coins reached)` : '';
  switch (event.kind) {
    case 'POST_CREATED':
      return `You earned ${coins(amount)} for your post${capped}`;
    case 'COMMENT_WRITTEN':
      return `You earned ${coins(amount)} for your comment${capped}`;
    case 'LIKE_RECEIVED':
      return `${event.actorHandle ? `@${event.actorHandle}` : 'Someone'} liked your post: +${coins(amount)}${capped}`;
  }
}
