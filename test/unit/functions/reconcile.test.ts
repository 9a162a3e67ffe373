import { describe, expect, it } from 'vitest';
import { checkWallet } from '../../../functions/reconcile/check.js';
import { emfLine, reconciliationDimensions } from '../../../functions/reconcile/metrics.js';

describe('checkWallet', () => {
  it('passes a consistent wallet, redemptions included', () => {
    expect(checkWallet({ userId: 'u', balance: 3, ledgerAmounts: [10, -7], earnedByDay: { '2026-11-22': 10 } })).toEqual([]);
  });
  it('reports every broken invariant', () => {
    expect(checkWallet({ userId: 'u', balance: -1, ledgerAmounts: [5], earnedByDay: { d1: 500, d2: 501 } })).toEqual([
      { userId: 'u', kind: 'BALANCE_NOT_LEDGER_SUM', balance: -1, ledgerSum: 5 },
      { userId: 'u', kind: 'NEGATIVE_BALANCE', balance: -1 },
      { userId: 'u', kind: 'DAILY_CAP_EXCEEDED', day: 'd2', earned: 501 },
    ]);
  });
});

describe('emfLine', () => {
  it('is CloudWatch Embedded Metric Format', () => {
    expect(JSON.parse(emfLine('ReconciliationMismatches', 2, 'Count', { Service: 'reconcile' }, new Date(1000)))).toEqual({
      _aws: { Timestamp: 1000, CloudWatchMetrics: [{ Namespace: 'SocialFeed', Dimensions: [['Service']], Metrics: [{ Name: 'ReconciliationMismatches', Unit: 'Count' }] }] },
      Service: 'reconcile',
      ReconciliationMismatches: 2,
    });
  });
});

describe('reconciliationDimensions', () => {
  it('carries the stage next to the service (one metric per stage)', () => {
    expect(reconciliationDimensions('dev')).toEqual({ Service: 'reconcile', Stage: 'dev' });
    const emf = JSON.parse(emfLine('ReconciliationMismatches', 0, 'Count', reconciliationDimensions('prd'), new Date(1000)));
    expect(emf._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Service', 'Stage']]);
    expect(emf).toMatchObject({ Service: 'reconcile', Stage: 'prd', ReconciliationMismatches: 0 });
  });
});
