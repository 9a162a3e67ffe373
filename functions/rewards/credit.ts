// One credit = one TransactWriteItems (docs/data-model.md "Coins"):
//   0 idempotency mark EVENT#<key>   attribute_not_exists  → a duplicate stream record credits nothing
//   1 daily counter EARNED#<day>     earned <= cap - amount → the cap holds under concurrency
//   2 wallet                         balance as read       → the notification's balance is exact
//   3 ledger entry TX#<ulid>, 4 notification NOTIF#<ulid>
// A cancelled mark means "already credited": skip silently. A cancelled counter or wallet condition means
// another credit or a redemption got in between: read again and retry.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DAILY_CAP, keys } from '../../resolvers/lib/keys.js';
import { newId } from '../lib/ids.js';
import { notificationItem } from '../lib/notification.js';
import { ttlAfterDays, utcDay } from '../lib/time.js';
import { clampCredit, ledgerReason, notificationMessage } from './amounts.js';
import type { CreditEvent } from './events.js';

/** Daily counters outlive the day long enough for reconciliation to check them. */
const EARNED_TTL_DAYS = 40;
/** Enough for a burst of credits to one user; past it the record fails and the stream retries it later. */
const MAX_ATTEMPTS = 12;

/** Full-jitter exponential backoff: contenders for one wallet spread out instead of colliding again. */
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt)));

export type CreditOutcome =
  | { status: 'credited'; amount: number; balance: number; day: string; notificationId: string }
  | { status: 'duplicate' };

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export async function credit(db: DynamoDBDocumentClient, table: string, event: CreditEvent): Promise<CreditOutcome> {
  const day = utcDay(event.at);
  for (let attempt = 1; ; attempt += 1) {
    const [earnedItem, walletItem] = await Promise.all([
      db.send(new GetCommand({ TableName: table, Key: keys.earned(event.userId, day), ConsistentRead: true })),
      db.send(new GetCommand({ TableName: table, Key: keys.wallet(event.userId), ConsistentRead: true })),
    ]);
    const earned = Number(earnedItem.Item?.earned ?? 0);
    const wallet = walletItem.Item;
    const balanceBefore = Number(wallet?.balance ?? 0);
    const amount = clampCredit(event.base, earned);
    const balance = balanceBefore + amount;
    const notificationId = newId(event.at);
    const items: Array<{ label: 'mark' | 'counter' | 'wallet' | 'ledger' | 'notification'; item: TransactItem }> = [];
    const createdAt = event.at.toISOString();

    items.push({
      label: 'mark',
      item: {
        Put: {
          TableName: table,
          Item: { ...keys.event(event.userId, event.eventKey), type: 'EVENT', amount, createdAt },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    });
    if (amount > 0) {
      items.push({
        label: 'counter',
        item: {
          Update: {
            TableName: table,
            Key: keys.earned(event.userId, day),
            UpdateExpression: 'SET #type = :type, #day = :day, expiresAt = :ttl ADD earned :amount',
            ConditionExpression: 'attribute_not_exists(earned) OR earned <= :max',
            ExpressionAttributeNames: { '#type': 'type', '#day': 'day' },
            ExpressionAttributeValues: {
              ':type': 'EARNED',
              ':day': day,
              ':ttl': ttlAfterDays(new Date(`${day}T00:00:00Z`), EARNED_TTL_DAYS),
              ':amount': amount,
              ':max': DAILY_CAP - amount,
            },
          },
        },
      });
      items.push({
        label: 'wallet',
        item: {
          Update: {
            TableName: table,
            Key: keys.wallet(event.userId),
            UpdateExpression: 'SET #type = :type ADD balance :amount, lifetimeEarned :amount',
            // Optimistic: the balance we read is still the balance, so `balance` below is the real new one.
            ConditionExpression: wallet ? 'balance = :before' : 'attribute_not_exists(PK)',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':type': 'WALLET', ':amount': amount, ...(wallet ? { ':before': balanceBefore } : {}) },
          },
        },
      });
      const ledgerId = newId(event.at);
      items.push({
        label: 'ledger',
        item: {
          Put: {
            TableName: table,
            Item: {
              ...keys.ledger(event.userId, ledgerId),
              type: 'TX',
              id: ledgerId,
              amount,
              kind: event.kind,
              reason: ledgerReason(event),
              sourceEvent: event.eventKey,
              createdAt,
            },
          },
        },
      });
    }
    // At the cap the mark is still written (amount 0), so the event is never credited later, and the author
    // still hears about it.
    items.push({
      label: 'notification',
      item: {
        Put: {
          TableName: table,
          Item: notificationItem(
            {
              id: notificationId,
              userId: event.userId,
              kind: event.notificationKind,
              message: notificationMessage(event, amount),
              postId: event.postId,
              actorId: event.actorId,
              actorHandle: event.actorHandle,
              amount,
              balance,
            },
            event.at,
          ),
        },
      },
    });

    try {
      await db.send(new TransactWriteCommand({ TransactItems: items.map((i) => i.item) }));
      return { status: 'credited', amount, balance, day, notificationId };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = (label: string) => reasons[items.findIndex((i) => i.label === label)]?.Code;
      if (failed('mark') === 'ConditionalCheckFailed') return { status: 'duplicate' };
      // Lost a race (counter or wallet moved, or a concurrent transaction): read fresh and try again.
      const retryable = reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        const codes = reasons.map((r, i) => `${items[i]?.label ?? i}=${r.Code}`).join(', ');
        throw new Error(`credit ${event.eventKey} to ${event.userId} failed after ${attempt} attempt(s): ${codes}`);
      }
      await backoff(attempt);
    }
  }
}
