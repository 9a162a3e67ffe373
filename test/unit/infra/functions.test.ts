// Lambda functions of the API description: settings, least-privilege roles, triggers and dead-letter queues.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import type { FunctionDef } from '../../../infra/api/types.js';
import { ASYNC_RETRIES } from '../../../infra/cdk/functions.js';
import { stageFromContext } from '../../../infra/cdk/stages.js';
import { resources, synth, type Synth } from './synth.js';

let s: Synth;
const stage = stageFromContext((k) => (k === 'stage' ? 'dev' : undefined));
beforeAll(() => {
  s = synth('dev');
}, 180_000);

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

const fnId = (name: string) => s.stack.getLogicalId(s.stack.functions.functions[name]!.node.defaultChild as never);
const fnProps = (name: string) => s.template.toJSON().Resources[fnId(name)].Properties as Record<string, any>;
const idOf = (construct: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(construct.node.defaultChild as never);
const tableId = (name: string) => idOf(s.stack.data.tables[name]!);
const bucketId = (name: string) => idOf(s.stack.media.buckets[name]!);
const dlqId = (name: string) => idOf(s.stack.functions.deadLetterQueues[name]!);

/** Every statement of every policy attached to the function's role. */
function statements(name: string): Statement[] {
  const roleId = (fnProps(name).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources(s.template, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOf = (st: Statement) => (Array.isArray(st.Action) ? st.Action : [st.Action]);
const resourcesOf = (st: Statement) => (Array.isArray(st.Resource) ? st.Resource : [st.Resource]);
const entries = Object.entries(api.functions) as Array<[string, FunctionDef]>;

describe.each(entries)('function %s', (name, def) => {
  it('runs Node.js 22 on arm64 with the memory, timeout and concurrency of the description', () => {
    const p = fnProps(name);
    expect(p.Runtime).toBe('nodejs22.x');
    expect(p.Architectures).toEqual(['arm64']);
    expect(p.MemorySize).toBe(def.memoryMb);
    expect(p.Timeout).toBe(def.timeoutSeconds);
    expect(p.ReservedConcurrentExecutions).toBe(def.reservedConcurrency);
    expect(p.TracingConfig).toEqual({ Mode: 'Active' });
    expect(p.Handler).toBe('index.handler');
  });

  it('gets every environment variable of the description, resolved to this stack', () => {
    const env = fnProps(name).Environment.Variables as Record<string, unknown>;
    for (const [key, ref] of Object.entries(def.env ?? {})) {
      const value = JSON.stringify(env[key]);
      if ('table' in ref) expect(env[key], key).toEqual({ Ref: tableId(ref.table) });
      else if ('bucket' in ref) expect(env[key], key).toEqual({ Ref: bucketId(ref.bucket) });
      else if ('graphqlUrl' in ref) expect(value, key).toContain('GraphQLUrl');
      else if ('bucketCdnUrl' in ref) expect(value, key).toContain('DomainName');
      else expect(env[key], key).toBe(stage.functionEnv[name]?.[key] ?? ref.value);
    }
  });

  it('has a role of its own with no managed policies', () => {
    const roleId = (fnProps(name).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = s.template.toJSON().Resources[roleId];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const others = entries.filter(([n]) => n !== name).map(([n]) => (fnProps(n).Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
    expect(others).not.toContain(roleId);
    expect(statements(name).length).toBeGreaterThan(0);
  });

  it('uses resource "*" only for actions that have no resource-level permissions', () => {
    const allowed = new Set([
      'xray:PutTraceSegments',
      'xray:PutTelemetryRecords',
      'dynamodb:ListStreams',
      ...def.grants.flatMap((g) => ('service' in g ? g.actions : [])),
    ]);
    for (const st of statements(name)) {
      for (const a of actionsOf(st)) expect(a, `${name}: action wildcard`).not.toMatch(/^\*$|:\*$/);
      if (resourcesOf(st).includes('*')) expect(actionsOf(st).filter((a) => !allowed.has(a)), JSON.stringify(st)).toEqual([]);
    }
  });

  it('may touch the table only as its grants say', () => {
    const grant = def.grants.find((g) => 'table' in g) as { access: string } | undefined;
    const onTable = statements(name)
      .filter((st) => resourcesOf(st).some((r) => JSON.stringify(r).includes(tableId('main')) && !JSON.stringify(r).includes('StreamArn')))
      .flatMap(actionsOf);
    const writes = onTable.filter((a) => /PutItem|UpdateItem|DeleteItem|BatchWriteItem/.test(a));
    const reads = onTable.filter((a) => /GetItem|Query|Scan|BatchGetItem/.test(a));
    if (!grant) expect(onTable).toEqual([]);
    else {
      expect(writes.length > 0, 'writes').toBe(grant.access !== 'read');
      expect(reads.length > 0, 'reads').toBe(grant.access !== 'write');
    }
  });

  it('may touch S3 only under the prefixes of its grants', () => {
    const grants = def.grants.filter((g) => 'bucket' in g) as Array<{ bucket: string; access: string; prefix?: string }>;
    const s3 = statements(name).filter((st) => actionsOf(st).some((a) => a.startsWith('s3:')));
    if (!grants.length) return expect(s3).toEqual([]);
    for (const st of s3) {
      const res = JSON.stringify(st.Resource);
      expect(res).toContain(bucketId(grants[0]!.bucket));
      if (actionsOf(st).includes('s3:ListBucket')) {
        expect(st.Condition, 'ListBucket is limited to the granted prefixes').toBeDefined();
        continue;
      }
      const prefix = grants.find((g) => res.includes(`/${g.prefix ?? ''}*`));
      expect(prefix, `${res} is under a granted prefix`).toBeDefined();
      const expected = { read: ['s3:GetObject'], write: ['s3:PutObject'], readWrite: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] }[prefix!.access]!;
      expect(actionsOf(st).sort()).toEqual([...expected].sort());
    }
    for (const g of grants) expect(s3.some((st) => JSON.stringify(st.Resource).includes(`/${g.prefix ?? ''}*`)), g.prefix).toBe(true);
  });

  it('may call only the AppSync mutation fields of its grants', () => {
    const fields = def.grants.flatMap((g) => ('api' in g ? g.fields : []));
    const gql = statements(name).filter((st) => actionsOf(st).some((a) => a.startsWith('appsync:')));
    if (!fields.length) return expect(gql).toEqual([]);
    const res = JSON.stringify(gql.flatMap(resourcesOf));
    for (const f of fields) expect(res).toContain(`/types/Mutation/fields/${f}`);
    expect(res.match(/\/types\/[A-Za-z]+\/fields\/[A-Za-z]+/g)!.length).toBe(fields.length);
    expect(gql.flatMap(actionsOf)).toEqual(['appsync:GraphQL']);
  });

  it('carries the native layers its bundle needs', () => {
    const layers = fnProps(name).Layers as unknown[] | undefined;
    const needsSharp = ['image', 'moderation'].includes(def.dir);
    // sharp is imported by image processing and by the AWS moderation provider; everything else is bundled.
    expect((layers ?? []).length > 0).toBe(needsSharp);
  });
});

describe('triggers', () => {
  const streamTriggers = entries.flatMap(([name, def]) =>
    (def.triggers ?? []).filter((t) => t.kind === 'dynamodb-stream').map((t) => [name, t] as const),
  );

  it.each(streamTriggers)('%s reads the table stream with filters, bisect, partial batch responses, retries and a DLQ', (name, t) => {
    if (t.kind !== 'dynamodb-stream') return;
    const mapping = resources(s.template, 'AWS::Lambda::EventSourceMapping').find(([, r]) => JSON.stringify(r.Properties.FunctionName).includes(fnId(name)));
    expect(mapping, 'event source mapping').toBeDefined();
    const p = mapping![1].Properties;
    expect(p.EventSourceArn).toEqual({ 'Fn::GetAtt': [tableId(t.table), 'StreamArn'] });
    expect(p.BatchSize).toBe(t.batchSize);
    expect(p.BisectBatchOnFunctionError).toBe(true);
    expect(p.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(p.MaximumRetryAttempts).toBe(t.maxRetries);
    expect(p.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [dlqId(name), 'Arn'] });
    const pattern = JSON.parse(p.FilterCriteria.Filters[0].Pattern);
    if (t.eventNames) expect(pattern.eventName).toEqual(t.eventNames);
    if (t.skPrefixes) expect(pattern.dynamodb.Keys.SK.S).toEqual(t.skPrefixes.map((prefix) => ({ prefix })));
  });

  it('each S3 trigger is a bucket notification on its prefix; failed async runs go to the DLQ', () => {
    for (const [name, def] of entries) {
      for (const t of def.triggers ?? []) {
        if (t.kind !== 's3-object-created') continue;
        s.template.hasResourceProperties('Custom::S3BucketNotifications', {
          BucketName: { Ref: bucketId(t.bucket) },
          NotificationConfiguration: {
            LambdaFunctionConfigurations: Match.arrayWith([
              {
                Events: ['s3:ObjectCreated:*'],
                Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: t.prefix }] } },
                LambdaFunctionArn: { 'Fn::GetAtt': [fnId(name), 'Arn'] },
              },
            ]),
          },
        });
        s.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: fnId(name) },
          MaximumRetryAttempts: ASYNC_RETRIES,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlqId(name), 'Arn'] } } },
        });
      }
    }
  });

  it('each schedule trigger is an EventBridge rule targeting the function, with a DLQ', () => {
    let count = 0;
    for (const [name, def] of entries) {
      for (const t of def.triggers ?? []) {
        if (t.kind !== 'schedule') continue;
        count += 1;
        s.template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: t.expression,
          State: 'ENABLED',
          Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId(name), 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId(name), 'Arn'] } } })],
        });
      }
    }
    s.template.resourceCountIs('AWS::Events::Rule', count);
  });

  it('functions with asynchronous or stream triggers have an encrypted, SSL-only DLQ; synchronous ones none', () => {
    for (const [name, def] of entries) {
      expect(Boolean(s.stack.functions.deadLetterQueues[name]), name).toBe((def.triggers ?? []).length > 0);
    }
    for (const [, q] of resources(s.template, 'AWS::SQS::Queue')) {
      expect(q.Properties.SqsManagedSseEnabled).toBe(true);
      expect(q.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
  });
});
