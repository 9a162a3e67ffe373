// The cost model is arithmetic others will quote: pin its behaviour (linear in users where prices are linear,
// tiers where they are tiered, free tiers never making a line negative, measured inputs actually used).
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, monthlyBill, PRICES, tiered, type Measured } from '../../scripts/cost-model';

const measured: Measured = { feedPageRru: 3.5, likedPostsRru: 10, likePostRru: 1.5, likePostWru: 14, addCommentRru: 1, addCommentWru: 14, notificationsPerLike: 1, measuredImageBytes: 10_000, source: 'test' };

describe('cost model', () => {
  it('prices tiers piecewise', () => {
    expect(tiered(100, PRICES.cloudfrontPerGbUs)).toBeCloseTo(8.5);
    expect(tiered(20_480, PRICES.cloudfrontPerGbUs)).toBeCloseTo(10_240 * 0.085 + 10_240 * 0.08);
  });

  it('scales the usage-priced lines linearly with users', () => {
    const small = monthlyBill(1_000, measured);
    const big = monthlyBill(10_000, measured);
    for (const line of ['AppSync operations', 'AppSync real-time messages', 'DynamoDB writes', 'Lambda compute']) {
      expect(big.cost[line]).toBeCloseTo(small.cost[line] * 10, 6);
    }
    expect(small.cost['Cognito (Essentials)']).toBe(0); // free to 10k MAU
    expect(monthlyBill(20_000, measured).cost['Cognito (Essentials)']).toBeCloseTo(10_000 * PRICES.cognitoEssentialsPerMauOver10k);
  });

  it('uses the measured write units of a like', () => {
    const a = monthlyBill(1_000, measured);
    const b = monthlyBill(1_000, { ...measured, likePostWru: 28 });
    const likes = 1_000 * ASSUMPTIONS.sessionsPerMonth * ASSUMPTIONS.signedInShare * ASSUMPTIONS.likesPerSession;
    expect(b.cost['DynamoDB writes'] - a.cost['DynamoDB writes']).toBeCloseTo((likes * 14 * PRICES.dynamodbPerMillionWru) / 1e6, 6);
  });

  it('applies free tiers without going below zero or above the list total', () => {
    const bill = monthlyBill(1_000, measured);
    expect(bill.totalAfterFreeTiers).toBeGreaterThan(0);
    expect(bill.totalAfterFreeTiers).toBeLessThanOrEqual(bill.total);
  });
});
