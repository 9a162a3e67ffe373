// CloudWatch Embedded Metric Format written by hand (Powertools metrics is not a dependency): one JSON line on
// stdout that CloudWatch Logs turns into the metric. Locally it is just a log line.
export const METRIC_NAMESPACE = 'SocialFeed';
export const RECONCILIATION_METRIC_NAME = 'ReconciliationMismatches';

/**
 * The reconciliation metric's dimensions. Stage keeps dev and prd apart when both run in one account (each
 * stage's alarm watches only its own runs); infra/cdk/alarms.ts builds its alarm from this same function.
 */
export function reconciliationDimensions(stage: string): Record<string, string> {
  return { Service: 'reconcile', Stage: stage };
}

export function emfLine(name: string, value: number, unit: 'Count', dimensions: Record<string, string>, at: Date = new Date()): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [{ Namespace: METRIC_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] }],
    },
    ...dimensions,
    [name]: value,
  });
}
