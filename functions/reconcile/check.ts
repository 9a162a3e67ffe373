// The coin invariants (docs/data-model.md): balance == sum(ledger), balance >= 0, earned per UTC day <= 500.
import { DAILY_CAP } from '../../resolvers/lib/keys.js';

export type Mismatch =
  | { userId: string; kind: 'BALANCE_NOT_LEDGER_SUM'; balance: number; ledgerSum: number }
  | { userId: string; kind: 'NEGATIVE_BALANCE'; balance: number }
  | { userId: string; kind: 'DAILY_CAP_EXCEEDED'; day: string; earned: number };

export interface WalletFacts {
  userId: string;
  balance: number;
  ledgerAmounts: number[];
  earnedByDay: Record<string, number>;
}

export function checkWallet(facts: WalletFacts, cap: number = DAILY_CAP): Mismatch[] {
  const out: Mismatch[] = [];
  const ledgerSum = facts.ledgerAmounts.reduce((sum, amount) => sum + amount, 0);
  if (ledgerSum !== facts.balance) out.push({ userId: facts.userId, kind: 'BALANCE_NOT_LEDGER_SUM', balance: facts.balance, ledgerSum });
  if (facts.balance < 0) out.push({ userId: facts.userId, kind: 'NEGATIVE_BALANCE', balance: facts.balance });
  for (const [day, earned] of Object.entries(facts.earnedByDay)) {
    if (earned > cap) out.push({ userId: facts.userId, kind: 'DAILY_CAP_EXCEEDED', day, earned });
  }
  return out;
}
