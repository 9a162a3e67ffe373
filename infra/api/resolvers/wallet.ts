// Bindings of the coin fields: wallet, ledger, rewards catalogue and redemptions (resolvers/*, data source
// `table`). Redeeming is a pipeline; see resolvers/Mutation.redeemReward/index.ts for its steps.
import type { ResolverDef } from '../types.js';
import { pipeline, unit } from './bind.js';

export const walletResolvers: ResolverDef[] = [
  unit('Query', 'wallet'),
  unit('Query', 'ledger'),
  unit('Query', 'rewards'),
  unit('Query', 'myRedemptions'),
  unit('Mutation', 'putReward'),
  pipeline('Mutation', 'redeemReward', ['1.getRedemption.ts', '2.getReward.ts', '3.getWallet.ts', '4.redeem.ts', '5.getRaced.ts']),
];
