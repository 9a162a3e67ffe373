// The AppSync part of the stack, checked against the API description and schema.graphql (not a snapshot).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../infra/api/index.js';
import { appsyncName } from '../../../infra/cdk/api.js';
import { resolverCode } from '../../../infra/cdk/resolver-code.js';
import { stageFromContext } from '../../../infra/cdk/stages.js';
import { resources, root, synth, type Synth } from './synth.js';

let s: Synth;
beforeAll(() => {
  s = synth('dev');
}, 180_000);

const apiRef = () => ({ 'Fn::GetAtt': [Match.anyValue(), 'ApiId'] });

/** Data source logical id → its Name, from the template. */
function dataSourceNames(): Map<string, string> {
  return new Map(resources(s.template, 'AWS::AppSync::DataSource').map(([id, r]) => [id, r.Properties.Name as string]));
}

/** DataSourceName is the name itself or a GetAtt of the data source's Name. */
function dsName(ref: unknown): string {
  if (typeof ref === 'string') return ref;
  const id = (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const name = dataSourceNames().get(id);
  if (!name) throw new Error(`no data source ${id}`);
  return name;
}

describe('schema coverage', () => {
  it('every Query, Mutation and Subscription field of schema.graphql has a binding in api.resolvers', () => {
    const doc = parse(readFileSync(path.join(root, api.schemaFile), 'utf8'));
    const bound = new Set(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`));
    const fields = doc.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation', 'Subscription'].includes(d.name.value))
      .flatMap((d) => (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`));
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((f) => !bound.has(f))).toEqual([]);
  });

  it('no field is bound twice and every binding names a field of the schema', () => {
    const doc = parse(readFileSync(path.join(root, api.schemaFile), 'utf8'));
    const known = new Set(
      doc.definitions
        .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
        .flatMap((d) => (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`)),
    );
    const keys = api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
  });
});

describe('GraphQL API', () => {
  it('reads the schema from the schema file', () => {
    const [[, schema]] = resources(s.template, 'AWS::AppSync::GraphQLSchema');
    expect(schema!.Properties.Definition).toBe(readFileSync(path.join(root, api.schemaFile), 'utf8'));
  });

  it('has Cognito as default and API key + IAM as additional modes, X-Ray, and field logs through its own role', () => {
    s.template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: Match.arrayWith([{ AuthenticationType: 'API_KEY' }, { AuthenticationType: 'AWS_IAM' }]),
      XrayEnabled: true,
      LogConfig: { FieldLogLevel: 'ALL', CloudWatchLogsRoleArn: Match.anyValue(), ExcludeVerboseContent: false },
    });
    s.template.resourceCountIs('AWS::AppSync::ApiKey', 1);
    s.template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', apiRef()]] },
    });
  });

  it('passes api.env as AppSync environment variables, resolved to this stack', () => {
    const [[, gql]] = resources(s.template, 'AWS::AppSync::GraphQLApi');
    const vars = gql!.Properties.EnvironmentVariables as Record<string, unknown>;
    expect(Object.keys(vars).sort()).toEqual(Object.keys(api.env).sort());
    expect(JSON.stringify(vars.MEDIA_BASE_URL)).toContain('DomainName'); // the CloudFront domain of the media bucket
  });
});

describe('data sources', () => {
  it('creates each data source of the description with its type', () => {
    const types = { DYNAMODB: 'AMAZON_DYNAMODB', NONE: 'NONE', LAMBDA: 'AWS_LAMBDA' } as const;
    const byName = new Map(resources(s.template, 'AWS::AppSync::DataSource').map(([, r]) => [r.Properties.Name, r.Properties]));
    expect([...byName.keys()].sort()).toEqual(Object.keys(api.dataSources).sort());
    for (const [name, def] of Object.entries(api.dataSources)) expect(byName.get(name)!.Type, name).toBe(types[def.kind]);
  });

  it('points the Lambda data source at the function of the description', () => {
    for (const [name, def] of Object.entries(api.dataSources)) {
      if (def.kind !== 'LAMBDA') continue;
      const fnId = s.stack.getLogicalId(s.stack.functions.functions[def.function]!.node.defaultChild as never);
      s.template.hasResourceProperties('AWS::AppSync::DataSource', {
        Name: name,
        LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] } },
      });
    }
  });
});

describe('resolvers', () => {
  it('deploys exactly one AppSync resolver per binding, nothing more', () => {
    const deployed = resources(s.template, 'AWS::AppSync::Resolver').map(([, r]) => `${r.Properties.TypeName}.${r.Properties.FieldName}`);
    expect(deployed.sort()).toEqual(api.resolvers.map((r) => `${r.typeName}.${r.fieldName}`).sort());
  });

  it('binds every unit resolver to its data source and every pipeline to its steps in order, as APPSYNC_JS code', () => {
    const fnConfigs = new Map(resources(s.template, 'AWS::AppSync::FunctionConfiguration').map(([id, r]) => [id, r.Properties]));
    const deployed = new Map(resources(s.template, 'AWS::AppSync::Resolver').map(([, r]) => [`${r.Properties.TypeName}.${r.Properties.FieldName}`, r.Properties]));
    for (const r of api.resolvers) {
      const p = deployed.get(`${r.typeName}.${r.fieldName}`)!;
      expect(p.Runtime, r.fieldName).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      expect(p.CodeS3Location, r.fieldName).toBeDefined();
      if (r.kind === 'UNIT') {
        expect(p.Kind).toBe('UNIT');
        expect(dsName(p.DataSourceName), `${r.typeName}.${r.fieldName}`).toBe(r.dataSource);
      } else {
        expect(p.Kind).toBe('PIPELINE');
        const steps = (p.PipelineConfig.Functions as Array<{ 'Fn::GetAtt': [string, string] }>).map((f) => fnConfigs.get(f['Fn::GetAtt'][0])!);
        expect(steps.map((f) => f.Name)).toEqual(r.functions.map((f) => appsyncName(f.file) + (f.dataSource === 'table' ? '' : `_${f.dataSource}`)));
        expect(steps.map((f) => dsName(f.DataSourceName))).toEqual(r.functions.map((f) => f.dataSource));
        for (const f of steps) expect(f.Runtime).toEqual({ Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' });
      }
    }
  });

  it('bundles each resolver file into one ESM module whose only imports are the AppSync modules', () => {
    const files = api.resolvers.flatMap((r) => [r.file, ...(r.kind === 'PIPELINE' ? r.functions.map((f) => f.file) : [])]);
    for (const file of files) {
      const code = resolverCode(file, root);
      const imports = [...code.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
      expect(imports.filter((i) => !i!.startsWith('@aws-appsync/utils')), file).toEqual([]);
      expect(code, file).toMatch(/export\s*\{[^}]*\b(request|response)\b/);
    }
  });
});

describe('WAF', () => {
  it('protects the API with a per-IP rate-based rule', () => {
    s.template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: { Limit: stageFromContext((k) => (k === 'stage' ? 'dev' : undefined)).wafRateLimit, AggregateKeyType: 'IP' } }, Action: { Block: {} } }),
      ]),
    });
    const apiId = s.stack.getLogicalId(s.stack.api.api.node.defaultChild as never);
    s.template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::GetAtt': [apiId, 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
    });
  });
});
