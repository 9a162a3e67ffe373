// Lambda functions of the API description: Node.js 22 on arm64, bundled at synth, one role each holding
// exactly the description's `grants`, and their triggers — stream mappings (filters, bisect, partial batch
// responses, retries, SQS on-failure), S3 object-created notifications and schedules — with a dead-letter
// queue for every asynchronous or stream source.
import { Duration, Stack } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDef, Grant, Trigger } from '../api/types.js';
import type { Data } from './data.js';
import { resolveEnv, type EnvTargets } from './env-refs.js';
import { bundleFunctions, type FunctionBundle } from './function-code.js';
import type { Media } from './media.js';
import { nativeLayer } from './native-layers.js';
import { acknowledge, nagResource, WILDCARD_REASON } from './nag.js';
import { addSchedule } from './schedules.js';
import type { Stage } from './stages.js';

export interface FunctionsProps {
  stage: Stage;
  functions: Record<string, FunctionDef>;
  root: string;
  data: Data;
  media: Media;
  api: appsync.GraphqlApi;
  env: EnvTargets;
  /** fail when a native layer is not built (deploys) instead of warning (offline synth) */
  requireNativeLayers: boolean;
}

/** Retries of an asynchronous invocation (S3 event, schedule) before it goes to the dead-letter queue. */
export const ASYNC_RETRIES = 2;

export class Functions extends Construct {
  readonly functions: Record<string, lambda.Function> = {};
  /** dead-letter queues by function name (functions with asynchronous or stream triggers) */
  readonly deadLetterQueues: Record<string, sqs.Queue> = {};
  private readonly layers = new Map<string, lambda.ILayerVersion>();

  constructor(scope: Construct, id: string, private readonly props: FunctionsProps) {
    super(scope, id);
    const bundles = bundleFunctions(Object.fromEntries(Object.entries(props.functions).map(([n, d]) => [n, d.dir])), props.root);
    for (const [name, def] of Object.entries(props.functions)) this.add(name, def, bundles[name]!);
  }

  private add(name: string, def: FunctionDef, bundle: FunctionBundle): void {
    const { stage } = this.props;
    const where = `function ${name}`;
    const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: stage.logRetention, removalPolicy: stage.removalPolicy });
    // No managed policy: the role may write its own log group and do what `grants` lists, nothing else.
    const role = new iam.Role(this, `${name}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${name}: least privilege from infra/api/functions.ts grants`,
    });
    logGroup.grantWrite(role);
    const fn = new lambda.Function(this, name, {
      description: def.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(bundle.dir),
      handler: bundle.handler,
      memorySize: def.memoryMb,
      timeout: Duration.seconds(def.timeoutSeconds),
      role,
      logGroup,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: def.reservedConcurrency,
      layers: bundle.nativeModules.map((m) => this.layer(m)),
      environment: {
        ...resolveEnv(def.env, this.props.env, where),
        ...(stage.functionEnv[name] ?? {}),
        // Per stage, so not in the API description (its EnvRef values are the same everywhere): reconcile
        // puts it on its metric, and alarms.ts alarms on that stage's metric only.
        STAGE: stage.name,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: name,
      },
    });
    for (const grant of def.grants) this.grant(fn, grant, where);
    acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', WILDCARD_REASON);
    acknowledge(fn, 'AwsSolutions-L1', 'Node.js 22 on purpose: the code is written for the Node 20/22 pair the team runs and tests on (DESIGN.md versions)');
    this.functions[name] = fn;
    (def.triggers ?? []).forEach((trigger, i) => this.trigger(name, fn, trigger, i, where));
  }

  private layer(module: string): lambda.ILayerVersion {
    let layer = this.layers.get(module);
    if (!layer) {
      layer = nativeLayer(this, `${module}Layer`, this.props.root, module, this.props.requireNativeLayers);
      this.layers.set(module, layer);
    }
    return layer;
  }

  private grant(fn: lambda.Function, grant: Grant, where: string): void {
    if ('table' in grant) {
      const table = this.props.data.table(grant.table, where);
      if (grant.access === 'read') table.grantReadData(fn);
      else if (grant.access === 'write') table.grantWriteData(fn);
      else table.grantReadWriteData(fn);
      acknowledge(fn.role!, `AwsSolutions-IAM5[Resource::${nagResource(this, table.tableArn)}/index/*]`, `CDK's table grant covers the table's indexes: the sparse GSIs of docs/data-model.md`);
    } else if ('bucket' in grant) {
      // Object actions on the prefix only (the CDK grant helpers add wildcard actions and bucket-wide reads).
      const bucket = this.props.media.bucket(grant.bucket, where);
      const prefix = grant.prefix ?? '';
      const reads = grant.access !== 'write';
      const actions = [
        ...(reads ? ['s3:GetObject'] : []),
        ...(grant.access !== 'read' ? ['s3:PutObject'] : []),
        ...(grant.access === 'readWrite' ? ['s3:DeleteObject'] : []),
      ];
      fn.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
      acknowledge(fn.role!, `AwsSolutions-IAM5[Resource::${nagResource(this, bucket.bucketArn)}/${prefix}*]`, `objects under the "${prefix}" prefix granted in infra/api/functions.ts; keys are generated per upload`);
      if (reads) {
        // Without ListBucket a missing key reads as AccessDenied instead of NoSuchKey (redelivered events).
        fn.addToRolePolicy(
          new iam.PolicyStatement({
            actions: ['s3:ListBucket'],
            resources: [bucket.bucketArn],
            ...(prefix ? { conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
          }),
        );
      }
    } else if ('api' in grant) {
      this.props.api.grantMutation(fn, ...grant.fields);
    } else {
      for (const action of grant.actions) {
        if (!action.startsWith(`${grant.service}:`)) throw new Error(`${where}: action "${action}" is not a ${grant.service} action`);
      }
      // Rekognition DetectModerationLabels and Comprehend DetectToxicContent have no resource-level permissions.
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: grant.actions, resources: ['*'] }));
    }
  }

  private deadLetterQueue(name: string): sqs.Queue {
    let dlq = this.deadLetterQueues[name];
    if (!dlq) {
      dlq = new sqs.Queue(this, `${name}Dlq`, {
        queueName: `${Stack.of(this).stackName}-${name}-dlq`,
        retentionPeriod: Duration.days(14),
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      acknowledge(dlq, 'AwsSolutions-SQS3', `this queue is the dead-letter queue of ${name}: failed events are parked here and alarmed on`);
      this.deadLetterQueues[name] = dlq;
    }
    return dlq;
  }

  private asyncFailuresTo(name: string, fn: lambda.Function): sqs.Queue {
    const dlq = this.deadLetterQueue(name);
    if (!fn.node.tryFindChild('EventInvokeConfig')) {
      fn.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(dlq), retryAttempts: ASYNC_RETRIES });
    }
    return dlq;
  }

  private trigger(name: string, fn: lambda.Function, trigger: Trigger, index: number, where: string): void {
    switch (trigger.kind) {
      case 'dynamodb-stream': {
        const table = this.props.data.table(trigger.table, where);
        const pattern: Record<string, unknown> = {};
        if (trigger.eventNames?.length) pattern.eventName = lambda.FilterRule.or(...trigger.eventNames);
        if (trigger.skPrefixes?.length) {
          pattern.dynamodb = { Keys: { SK: { S: trigger.skPrefixes.flatMap((p) => lambda.FilterRule.beginsWith(p)) } } };
        }
        fn.addEventSource(
          new sources.DynamoEventSource(table, {
            // from the oldest record still in the stream: a redeploy must not skip credits (handlers are idempotent)
            startingPosition: lambda.StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            bisectBatchOnError: true,
            reportBatchItemFailures: true,
            retryAttempts: trigger.maxRetries,
            onFailure: new sources.SqsDlq(this.deadLetterQueue(name)),
            filters: Object.keys(pattern).length ? [lambda.FilterCriteria.filter(pattern)] : undefined,
          }),
        );
        return;
      }
      case 's3-object-created': {
        const bucket = this.props.media.bucket(trigger.bucket, where);
        this.asyncFailuresTo(name, fn);
        bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), { prefix: trigger.prefix });
        return;
      }
      case 'schedule': {
        const dlq = this.asyncFailuresTo(name, fn);
        addSchedule(this, `${name}Schedule${index}`, fn, trigger.expression, dlq);
        return;
      }
    }
  }
}
