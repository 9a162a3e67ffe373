// Bindings of the coin fields: wallet, ledger, rewards catalogue and redemptions (resolvers/*, data source
// `table`). Redeeming is a pipeline; see resolvers/Mutation.redeemReward/index.ts for its steps.
import type { ResolverDef } from '../types.js';

const unit = (typeName: string, fieldName: string, dataSource = 'table'): ResolverDef => ({
  typeName,
  fieldName,
  kind: 'UNIT',
  file: `resolvers/${typeName}.${fieldName}.ts`,
  dataSource,
});

const redeemSteps = ['1.getRedemption', '2.getReward', '3.getWallet', '4.redeem', '5.getRaced'];

export const walletResolvers: ResolverDef[] = [
  unit('Query', 'wallet'),
  unit('Query', 'ledger'),
  unit('Query', 'rewards'),
  unit('Query', 'myRedemptions'),
  unit('Mutation', 'putReward'),
  {
    typeName: 'Mutation',
    fieldName: 'redeemReward',
    kind: 'PIPELINE',
    file: 'resolvers/Mutation.redeemReward/index.ts',
    functions: redeemSteps.map((step) => ({ file: `resolvers/Mutation.redeemReward/${step}.ts`, dataSource: 'table' })),
  },
];
