// Item → schema mappings for the coin wallet, its ledger, the rewards catalogue and redemptions
// (item layouts: docs/data-model.md). Key and index attributes never leave the resolver.
import { util } from '@aws-appsync/utils';
import type { LedgerEntry, LedgerKind, Redemption, Reward, Wallet } from '../../infra/generated/graphql';
import { DAILY_CAP } from './keys';

type Item = Record<string, any>;

/** Today's UTC day as yyyy-mm-dd: the key of the daily-earnings counter. */
export function utcDay(): string {
  return util.time.nowISO8601().substring(0, 10);
}

/** A wallet from its WALLET and EARNED#<today> items; a user who never earned has neither and owns 0. */
export function toWallet(wallet: Item | null | undefined, earned: Item | null | undefined): Wallet {
  return {
    balance: wallet ? wallet.balance || 0 : 0,
    lifetimeEarned: wallet ? wallet.lifetimeEarned || 0 : 0,
    earnedToday: earned ? earned.earned || 0 : 0,
    dailyCap: DAILY_CAP,
  };
}

export function toLedgerEntry(item: Item): LedgerEntry {
  return {
    id: item.id,
    amount: item.amount,
    kind: item.kind as LedgerKind,
    reason: item.reason,
    sourceEvent: item.sourceEvent,
    createdAt: item.createdAt,
  };
}

export function toReward(item: Item): Reward {
  return { id: item.id, name: item.name, description: item.description || '', cost: item.cost, stock: item.stock };
}

export function toRedemption(item: Item): Redemption {
  return {
    requestId: item.requestId,
    rewardId: item.rewardId,
    rewardName: item.rewardName,
    cost: item.cost,
    balanceAfter: item.balanceAfter,
    createdAt: item.createdAt,
  };
}
