// Coins: live balance (notifications carry it), the ledger, the rewards catalogue and redeeming with a
// confirmation. The request id is made once per confirmation, so a retry never redeems twice.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ulid } from 'ulid';
import { useLedgerInfiniteQuery, useRedeemRewardMutation, useRewardsQuery, useWalletQuery, walletQueryKey } from '../api/generated/hooks';
import type { RewardsQuery, WalletQuery } from '../api/generated/graphql';
import { humanMessage } from '../api/errors';
import { Dialog } from '../ui/Dialog';

type Reward = RewardsQuery['rewards']['items'][number];

const KIND_WORDS: Record<string, string> = {
  POST_CREATED: 'Posted a photo',
  LIKE_RECEIVED: 'Like received',
  COMMENT_WRITTEN: 'Wrote a comment',
  REDEMPTION: 'Redeemed a reward',
  ADJUSTMENT: 'Adjustment',
};

function ConfirmRedeem({ reward, balance, onDone, onClose }: { reward: Reward; balance: number; onDone(msg: string): void; onClose(): void }) {
  const qc = useQueryClient();
  const requestId = useRef(ulid()).current;
  const redeem = useRedeemRewardMutation({
    onSuccess: ({ redeemReward: r }) => {
      qc.setQueryData<WalletQuery>(walletQueryKey({}), (old) => (old ? { wallet: { ...old.wallet, balance: r.balanceAfter } } : old));
      for (const key of ['Wallet', 'Ledger', 'Rewards', 'MyRedemptions']) void qc.invalidateQueries({ queryKey: [key] });
      onDone(`Redeemed ${r.rewardName}. Your balance is now ${r.balanceAfter} coins.`);
    },
  });
  return (
    <Dialog labelledBy="redeem-title" onClose={onClose}>
      <h2 id="redeem-title">Redeem {reward.name}?</h2>
      <p>
        This costs <strong>{reward.cost} coins</strong>. You have {balance} coins.
      </p>
      {redeem.isError && (
        <p role="alert" className="error">
          {humanMessage(redeem.error)}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={redeem.isPending}
          onClick={() => redeem.mutate({ input: { rewardId: reward.id, requestId } })}
        >
          {redeem.isPending ? 'Redeeming…' : `Redeem for ${reward.cost} coins`}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}

export function WalletPage() {
  const wallet = useWalletQuery();
  const rewards = useRewardsQuery({ limit: 50 });
  const ledger = useLedgerInfiniteQuery({ limit: 20 });
  const [choosing, setChoosing] = useState<Reward | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const w = wallet.data?.wallet;
  const entries = ledger.data?.pages.flatMap((p) => p.ledger.items) ?? [];

  return (
    <main className="page" aria-labelledby="wallet-title">
      <h1 id="wallet-title">Wallet</h1>
      {wallet.isError && <p role="alert">{humanMessage(wallet.error)}</p>}
      {w && (
        <section className="card balance" aria-label="Balance">
          <p>
            <span className="big" data-testid="balance" aria-live="polite">
              {w.balance}
            </span>{' '}
            coins
          </p>
          <p>
            Earned today: {w.earnedToday} / {w.dailyCap} · lifetime {w.lifetimeEarned}
          </p>
        </section>
      )}
      {done && (
        <p role="status" className="success">
          {done}
        </p>
      )}

      <section aria-labelledby="rewards-title">
        <h2 id="rewards-title">Rewards</h2>
        {rewards.isError && <p role="alert">{humanMessage(rewards.error)}</p>}
        <ul className="list">
          {rewards.data?.rewards.items.map((r) => (
            <li key={r.id} className="row spread" data-testid="reward">
              <div>
                <strong>{r.name}</strong>
                <p>{r.description}</p>
                <small>
                  {r.cost} coins · {r.stock > 0 ? `${r.stock} left` : 'out of stock'}
                </small>
              </div>
              <button type="button" disabled={r.stock <= 0} onClick={() => (setDone(null), setChoosing(r))} aria-label={`Redeem ${r.name}`}>
                Redeem
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="ledger-title">
        <h2 id="ledger-title">History</h2>
        {ledger.isError && <p role="alert">{humanMessage(ledger.error)}</p>}
        {ledger.isSuccess && entries.length === 0 && <p>No coins yet. Post, comment and collect likes to earn some.</p>}
        <table className="ledger">
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Coins</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="ledger-entry">
                <td>{KIND_WORDS[e.kind] ?? e.reason}</td>
                <td className={e.amount < 0 ? 'minus' : 'plus'}>{e.amount > 0 ? `+${e.amount}` : e.amount}</td>
                <td>
                  <time dateTime={e.createdAt}>{new Date(e.createdAt).toLocaleDateString()}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {ledger.hasNextPage && (
          <button type="button" onClick={() => void ledger.fetchNextPage()} disabled={ledger.isFetchingNextPage}>
            Older entries
          </button>
        )}
      </section>

      {choosing && (
        <ConfirmRedeem
          reward={choosing}
          balance={w?.balance ?? 0}
          onClose={() => setChoosing(null)}
          onDone={(msg) => {
            setChoosing(null);
            setDone(msg);
          }}
        />
      )}
    </main>
  );
}
