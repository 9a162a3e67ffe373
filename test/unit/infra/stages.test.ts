// dev and prd side by side: cdk-nag AwsSolutions passes in both, stage settings differ where they must, and the
// platform pieces (table, user pool, buckets, CDNs, alarms) match the API description.
import { Match } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import { RECONCILIATION_METRIC } from '../../../infra/cdk/alarms.js';
import { stageFromContext } from '../../../infra/cdk/stages.js';
import { resources, synth, type Synth } from './synth.js';

let dev: Synth;
let prd: Synth;
beforeAll(() => {
  dev = synth('dev', { nag: true });
  prd = synth('prd', { nag: true });
}, 300_000);

const idOf = (s: Synth, construct: { node: { defaultChild?: unknown } }) => s.stack.getLogicalId(construct.node.defaultChild as never);

describe('cdk-nag AwsSolutions', () => {
  it.each(['dev', 'prd'] as const)('%s: no unacknowledged findings', (stage) => {
    const s = stage === 'dev' ? dev : prd;
    expect(s.violations.map((v) => `${v.severity} ${v.ruleName} ${v.paths.join(', ')}`)).toEqual([]);
    expect(s.synthError).toBeUndefined();
  });

  it('the check is live: an unacknowledged wildcard fails synth', () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'feed-nag-'));
    const app = new App({ outdir });
    const stack = new Stack(app, 'Probe');
    new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }),
    );
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5/);
    expect(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')).toContain('AwsSolutions-IAM5[Resource::*]');
  });

  it('every acknowledgment carries a reason', () => {
    const acks = dev.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).map((m) => [c.node.path, m.data] as const));
    expect(acks.length).toBeGreaterThan(10);
    // stored as { "<plugin or Annotation>::<rule>[finding]": "<reason>" }
    for (const [where, data] of acks) {
      for (const [id, reason] of Object.entries(data as Record<string, string>)) {
        expect(reason.trim().length, `${where} ${id}`).toBeGreaterThan(20);
      }
    }
  });
});

describe('table', () => {
  it.each(Object.entries(api.tables))('%s: keys, sparse GSIs, on-demand, stream, TTL, PITR', (name, def) => {
    const t = dev.template.toJSON().Resources[idOf(dev, dev.stack.data.tables[name]!)].Properties;
    expect(t.KeySchema).toEqual([
      { AttributeName: def.partitionKey, KeyType: 'HASH' },
      { AttributeName: def.sortKey, KeyType: 'RANGE' },
    ]);
    expect(t.BillingMode).toBe('PAY_PER_REQUEST');
    expect(t.StreamSpecification).toEqual({ StreamViewType: def.stream });
    expect(t.TimeToLiveSpecification).toEqual({ AttributeName: def.ttlAttribute, Enabled: true });
    expect(t.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(
      (t.GlobalSecondaryIndexes as Array<{ IndexName: string; KeySchema: Array<{ AttributeName: string }> }>).map((g) => [g.IndexName, ...g.KeySchema.map((k) => k.AttributeName)]),
    ).toEqual(def.indexes.map((i) => [i.name, i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])]));
  });

  it('prd: deletion protection and RETAIN; dev: neither', () => {
    for (const [s, protect] of [[dev, false], [prd, true]] as const) {
      for (const table of Object.values(s.stack.data.tables)) {
        const r = s.template.toJSON().Resources[idOf(s, table)];
        expect(r.Properties.DeletionProtectionEnabled).toBe(protect);
        expect(r.DeletionPolicy).toBe(protect ? 'Retain' : 'Delete');
      }
      const pool = s.template.toJSON().Resources[idOf(s, s.stack.auth.userPool)];
      expect(pool.DeletionPolicy).toBe(protect ? 'Retain' : 'Delete');
      expect(pool.Properties.DeletionProtection).toBe(protect ? 'ACTIVE' : 'INACTIVE');
    }
  });
});

describe('Cognito', () => {
  it('self sign-up with email, a strong password policy and the admins group', () => {
    dev.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 10, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
    });
    dev.template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: api.auth.adminGroup });
  });

  it('web client: SRP and refresh everywhere, USER_PASSWORD_AUTH in dev only, no secret', () => {
    const flows = (s: Synth) => resources(s.template, 'AWS::Cognito::UserPoolClient')[0]![1].Properties;
    expect(flows(dev).ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(flows(prd).ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(flows(prd).GenerateSecret).toBe(false);
  });
});

describe('AppSync logging per stage', () => {
  it('ALL with content in dev, ERROR without request/response bodies in prd', () => {
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { LogConfig: Match.objectLike({ FieldLogLevel: 'ALL', ExcludeVerboseContent: false }) });
    prd.template.hasResourceProperties('AWS::AppSync::GraphQLApi', { LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR', ExcludeVerboseContent: true }) });
  });
});

describe('media', () => {
  it.each(Object.entries(api.buckets))('%s bucket: private, SSL only, no ACLs, lifecycle and CORS for POST uploads', (name, def) => {
    const b = dev.template.toJSON().Resources[idOf(dev, dev.stack.media.buckets[name]!)].Properties;
    expect(b.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(b.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    for (const [prefix, days] of Object.entries(def.expirePrefixes ?? {})) {
      expect(b.LifecycleConfiguration.Rules).toContainEqual(expect.objectContaining({ Prefix: prefix, ExpirationInDays: days, Status: 'Enabled' }));
    }
    expect(b.CorsConfiguration.CorsRules[0].AllowedMethods).toEqual(['POST']);
    const policy = resources(dev.template, 'AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket).includes(idOf(dev, dev.stack.media.buckets[name]!)))![1];
    const statements = policy.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    if (def.cdn) {
      const cf = statements.filter((st) => st.Principal?.Service === 'cloudfront.amazonaws.com');
      expect(cf).toHaveLength(1);
      expect(cf[0]!.Action).toBe('s3:GetObject');
      expect(JSON.stringify(cf[0]!.Resource)).toContain('/media/*'); // uploads/ stays unreachable
      expect(JSON.stringify(cf[0]!.Condition)).toContain('AWS:SourceArn');
    }
  });

  it('CloudFront reads media through Origin Access Control and caches for a year', () => {
    dev.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    dev.template.hasResourceProperties('AWS::CloudFront::CachePolicy', { CachePolicyConfig: Match.objectLike({ DefaultTTL: 365 * 24 * 3600 }) });
    for (const [, d] of resources(dev.template, 'AWS::CloudFront::Distribution')) {
      expect(d.Properties.DistributionConfig.Origins[0].OriginAccessControlId).toBeDefined();
      expect(d.Properties.DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    }
  });

  it('the web distribution serves the SPA: index.html as root and for unknown paths', () => {
    const web = dev.template.toJSON().Resources[idOf(dev, dev.stack.web.distribution)].Properties.DistributionConfig;
    expect(web.DefaultRootObject).toBe('index.html');
    expect(web.CustomErrorResponses).toEqual([
      expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' }),
      expect.objectContaining({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' }),
    ]);
  });
});

describe('alarms', () => {
  const metrics = () => resources(dev.template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it('every function alarms on errors and throttles, every DLQ on a visible message', () => {
    for (const name of Object.keys(api.functions)) {
      const fn = { Ref: idOf(dev, dev.stack.functions.functions[name]!) };
      for (const metric of ['Errors', 'Throttles']) {
        expect(metrics().some((a) => a.MetricName === metric && JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: fn }])), `${name} ${metric}`).toBe(true);
      }
    }
    for (const [name, q] of Object.entries(dev.stack.functions.deadLetterQueues)) {
      const alarm = metrics().find((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible' && JSON.stringify(a.Dimensions).includes(idOf(dev, q)));
      expect(alarm, name).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
  });

  it('reconciliation mismatches and AppSync 5xx alarm, all notifying the topic', () => {
    expect(metrics()).toContainEqual(
      expect.objectContaining({ Namespace: RECONCILIATION_METRIC.namespace, MetricName: 'ReconciliationMismatches', Threshold: 1 }),
    );
    expect(metrics()).toContainEqual(expect.objectContaining({ Namespace: 'AWS/AppSync', MetricName: '5XXError' }));
    // each stage alarms on its own reconcile runs: the alarm's dimensions are what that stage's function emits
    for (const s of [dev, prd]) {
      const stage = s === dev ? 'dev' : 'prd';
      const alarm = resources(s.template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties).find((a) => a.MetricName === 'ReconciliationMismatches');
      expect(alarm?.Dimensions, stage).toEqual([
        { Name: 'Service', Value: 'reconcile' },
        { Name: 'Stage', Value: stage },
      ]);
      const fn = s.template.toJSON().Resources[idOf(s, s.stack.functions.functions.reconcile!)].Properties;
      expect(fn.Environment.Variables.STAGE, stage).toBe(stage);
    }
    const topic = { Ref: idOf(dev, dev.stack.alarms.topic) };
    for (const a of metrics()) expect(a.AlarmActions).toEqual([topic]);
  });
});

describe('stage context', () => {
  it('rejects an unknown stage and a malformed alarm email, naming the key', () => {
    expect(() => stageFromContext((k) => (k === 'stage' ? 'prod' : undefined))).toThrow(/context "stage"/);
    expect(() => stageFromContext((k) => (k === 'alarmEmail' ? 'nope' : undefined))).toThrow(/context "alarmEmail"/);
    expect(stageFromContext((k) => (k === 'alarmEmail' ? 'ops@example.com' : undefined))).toMatchObject({ name: 'dev', alarmEmail: 'ops@example.com' });
  });
});
