// CloudWatch alarms: every function's errors and throttles, every dead-letter queue holding a message, coin
// reconciliation mismatches, and AppSync 5xx. They notify an SNS topic (email when `-c alarmEmail=` is set).
import { Duration } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMESPACE, RECONCILIATION_METRIC_NAME, reconciliationDimensions } from '../../functions/reconcile/metrics.js';
import type { Stage } from './stages.js';

/**
 * Emitted by functions/reconcile on every run (EMF), 0 when the coin invariants hold. Its dimensions include the
 * stage (the function's STAGE, set in functions.ts), so each stage's alarm sees only its own runs.
 */
export const RECONCILIATION_METRIC = { namespace: METRIC_NAMESPACE, metricName: RECONCILIATION_METRIC_NAME };
export const reconciliationMetricFor = (stage: string) => ({ ...RECONCILIATION_METRIC, dimensionsMap: reconciliationDimensions(stage) });

export interface AlarmsProps {
  stage: Stage;
  functions: Record<string, lambda.IFunction>;
  deadLetterQueues: Record<string, sqs.IQueue>;
  api: appsync.GraphqlApi;
}

export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: Record<string, cloudwatch.Alarm> = {};

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: `social feed alarms (${props.stage.name})`, enforceSSL: true });
    if (props.stage.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.stage.alarmEmail));

    const fiveMinutes = Duration.minutes(5);
    for (const [name, fn] of Object.entries(props.functions)) {
      this.add(`${name}Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${name}: invocations failed`);
      this.add(`${name}Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${name}: invocations throttled`);
    }
    for (const [name, dlq] of Object.entries(props.deadLetterQueues)) {
      this.add(
        `${name}DeadLetters`,
        dlq.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        `${name}: events parked in the dead-letter queue (inspect, fix, redrive)`,
      );
    }
    this.add(
      'ReconciliationMismatches',
      new cloudwatch.Metric({ ...reconciliationMetricFor(props.stage.name), period: Duration.hours(1), statistic: 'Sum' }),
      'coin invariants broken: balance != sum(ledger), balance < 0 or more than 500 earned in a day',
    );
    this.add(
      'Api5xx',
      new cloudwatch.Metric({
        namespace: 'AWS/AppSync',
        metricName: '5XXError',
        dimensionsMap: { GraphQLAPIId: props.api.apiId },
        period: fiveMinutes,
        statistic: 'Sum',
      }),
      'AppSync answered with server errors',
    );
  }

  /** Alarms at the first occurrence: each of these metrics is 0 in a healthy system. */
  private add(id: string, metric: cloudwatch.IMetric, description: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms[id] = alarm;
  }
}
