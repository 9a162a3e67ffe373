// EventBridge schedules for `schedule` triggers (reconciliation, cleanup). A target EventBridge cannot invoke
// goes to the function's dead-letter queue; a failing run is retried by Lambda's async retries.
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

const EXPRESSION = /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^)]+\))$/;

export function addSchedule(scope: Construct, id: string, fn: lambda.IFunction, expression: string, dlq: sqs.IQueue): events.Rule {
  if (!EXPRESSION.test(expression)) {
    throw new Error(`${id}: schedule expression must be rate(N unit) or cron(...), got "${expression}"`);
  }
  return new events.Rule(scope, id, {
    description: `runs ${fn.node.id} on ${expression}`,
    schedule: events.Schedule.expression(expression),
    targets: [new targets.LambdaFunction(fn, { deadLetterQueue: dlq, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
  });
}
