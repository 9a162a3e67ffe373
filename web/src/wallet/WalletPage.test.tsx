// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { WalletPage } from './WalletPage';
import { ApiError } from '../api/errors';
import { fakeApi, renderApp, users } from '../test/harness';
import type { RedeemRewardMutationVariables } from '../api/generated/graphql';

afterEach(cleanup);

const base = {
  Wallet: () => ({ wallet: { balance: 30, lifetimeEarned: 30, earnedToday: 12, dailyCap: 500 } }),
  Ledger: () => ({
    ledger: {
      items: [{ id: 'tx1', amount: 10, kind: 'POST_CREATED', reason: 'post', sourceEvent: 'post:p1', createdAt: '2026-11-22T10:00:00.000Z' }],
      nextToken: null,
    },
  }),
  Rewards: () => ({
    rewards: {
      items: [
        { id: 'mug', name: 'Coffee mug', description: 'A mug', cost: 100, stock: 5 },
        { id: 'sticker', name: 'Sticker', description: 'A sticker', cost: 20, stock: 0 },
      ],
      nextToken: null,
    },
  }),
};

async function openRedeem(name: string) {
  const button = await screen.findByRole('button', { name: `Redeem ${name}` });
  fireEvent.click(button);
  return screen.findByRole('dialog', { name: `Redeem ${name}?` });
}

describe('WalletPage', () => {
  it('shows the balance, the history and which rewards can be redeemed', async () => {
    renderApp(<WalletPage />, { api: fakeApi(base), user: users.alice });
    expect((await screen.findByTestId('balance')).textContent).toBe('30');
    expect(screen.getByText('Earned today: 12 / 500 · lifetime 30')).toBeTruthy();
    expect(within(screen.getByTestId('ledger-entry')).getByText('+10')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Redeem Sticker' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('20 coins · out of stock')).toBeTruthy();
  });

  it('says clearly when coins are short, and retries with the same request id', async () => {
    const sent: RedeemRewardMutationVariables[] = [];
    const api = fakeApi({
      ...base,
      RedeemReward: (v: RedeemRewardMutationVariables) => {
        sent.push(v);
        throw new ApiError('balance 30 is below the cost 100', 'InsufficientCoins');
      },
    });
    renderApp(<WalletPage />, { api, user: users.alice });
    const dialog = await openRedeem('Coffee mug');
    expect(within(dialog).getByText('100 coins')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Redeem for 100 coins' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe("You don't have enough coins for this yet. Earn more by posting, commenting and getting likes.");
    expect(screen.getByTestId('balance').textContent).toBe('30');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Redeem for 100 coins' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0].input.rewardId).toBe('mug');
    expect(sent[0].input.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/); // a ULID
    expect(sent[1].input.requestId).toBe(sent[0].input.requestId);
  });

  it('redeems after confirmation and shows the new balance', async () => {
    const api = fakeApi({
      ...base,
      RedeemReward: ({ input }: RedeemRewardMutationVariables) => ({
        redeemReward: { requestId: input.requestId, rewardId: 'mug', rewardName: 'Coffee mug', cost: 100, balanceAfter: 5, createdAt: '2026-11-22T10:00:00.000Z' },
      }),
    });
    renderApp(<WalletPage />, { api, user: users.alice });
    const dialog = await openRedeem('Coffee mug');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Redeem for 100 coins' }));
    expect((await screen.findByText('Redeemed Coffee mug. Your balance is now 5 coins.')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('explains an out-of-stock refusal in words', async () => {
    const api = fakeApi({
      ...base,
      RedeemReward: () => {
        throw new ApiError('stock 0', 'OutOfStock');
      },
    });
    renderApp(<WalletPage />, { api, user: users.alice });
    const dialog = await openRedeem('Coffee mug');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Redeem for 100 coins' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('Sorry, this reward is out of stock.');
  });
});
