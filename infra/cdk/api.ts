// The AppSync API: schema from the schema file, the auth modes of the description, and every data source,
// resolver and pipeline function of `api.resolvers` as APPSYNC_JS code bundled at synth time.
import path from 'node:path';
import { Expiration } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ApiDescription, AuthMode, DataSourceDef, PipelineFunctionDef } from '../api/types.js';
import type { Data } from './data.js';
import { acknowledge, nagResource } from './nag.js';
import { bundleResolvers } from './resolver-code.js';
import type { Stage } from './stages.js';

export interface ApiProps {
  stage: Stage;
  description: ApiDescription;
  /** repository root: schemaFile and resolver files are relative to it */
  root: string;
  userPool: cognito.IUserPool;
}

const JS = appsync.FunctionRuntime.JS_1_0_0;

/** AppSync names allow [_0-9A-Za-z] only: resolvers/Mutation.likePost/1.getPost.ts → Mutation_likePost_1_getPost. */
export function appsyncName(file: string): string {
  return file.replace(/^resolvers\//, '').replace(/\.(ts|js)$/, '').replace(/[^_0-9A-Za-z]+/g, '_');
}

export class Api extends Construct {
  readonly api: appsync.GraphqlApi;
  private readonly props: ApiProps;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.props = props;
    const { stage, description } = props;
    const mode = (m: AuthMode): appsync.AuthorizationMode => {
      switch (m) {
        case 'AMAZON_COGNITO_USER_POOLS':
          return { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: props.userPool } };
        case 'API_KEY':
          return {
            authorizationType: appsync.AuthorizationType.API_KEY,
            apiKeyConfig: { name: 'anonymous-browsing', expires: Expiration.after(stage.apiKeyLifetime) },
          };
        case 'AWS_IAM':
          return { authorizationType: appsync.AuthorizationType.IAM };
      }
    };
    // Logging through our own role and log group, set on the L1: the L2's logConfig adds a managed-policy role
    // and a log-retention custom resource (one more Lambda) that this stack does not need.
    const logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('appsync.amazonaws.com'),
      description: 'AppSync writes its request and field logs',
    });
    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: `${description.name}-${stage.name}`,
      definition: appsync.Definition.fromFile(path.join(props.root, description.schemaFile)),
      authorizationConfig: {
        defaultAuthorization: mode(description.auth.default),
        additionalAuthorizationModes: description.auth.additional.map(mode),
      },
      xrayEnabled: true,
      // Introspection stays on in dev for tooling; the prd contract is the committed schema.
      introspectionConfig: stage.name === 'prd' ? appsync.IntrospectionConfig.DISABLED : appsync.IntrospectionConfig.ENABLED,
    });
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/appsync/apis/${this.api.apiId}`,
      retention: stage.logRetention,
      removalPolicy: stage.removalPolicy,
    });
    logGroup.grantWrite(logsRole);
    if (stage.name === 'prd') {
      acknowledge(this.api, 'AwsSolutions-ASC3', 'prd logs errors without request/response bodies on purpose: they carry user content (captions, comments)');
    }
    (this.api.node.defaultChild as appsync.CfnGraphQLApi).logConfig = {
      cloudWatchLogsRoleArn: logsRole.roleArn,
      fieldLogLevel: stage.fieldLogLevel,
      // prd logs errors without request/response bodies (they carry user content)
      excludeVerboseContent: stage.name === 'prd',
    };
  }

  /** Adds ctx.env variables (values already resolved for this environment). */
  addEnvironment(env: Record<string, string>): void {
    for (const [key, value] of Object.entries(env)) this.api.addEnvironmentVariable(key, value);
  }

  /** Data sources, pipeline functions and resolvers, all from the description. */
  addResolvers(data: Data, functions: Record<string, lambda.IFunction>): void {
    const { description, root } = this.props;
    const bundles = bundleResolvers(
      description.resolvers.flatMap((r) => [r.file, ...(r.kind === 'PIPELINE' ? r.functions.map((f) => f.file) : [])]),
      root,
    );
    const codeOf = (file: string) => appsync.Code.fromAsset(bundles.get(file)!);
    const sources = new Map<string, appsync.BaseDataSource>();
    for (const [name, def] of Object.entries(description.dataSources)) {
      sources.set(name, this.dataSource(name, def, data, functions));
    }
    const source = (name: string, where: string) => {
      const ds = sources.get(name);
      if (!ds) throw new Error(`${where}: unknown data source "${name}" (data sources: ${[...sources.keys()].join(', ')})`);
      return ds;
    };
    // A step file shared by several pipelines (same data source) becomes one AppSync function.
    const steps = new Map<string, appsync.AppsyncFunction>();
    const step = (fn: PipelineFunctionDef, where: string) => {
      const key = `${fn.file}\0${fn.dataSource}`;
      let f = steps.get(key);
      if (!f) {
        const name = appsyncName(fn.file) + (fn.dataSource === 'table' ? '' : `_${fn.dataSource}`);
        f = new appsync.AppsyncFunction(this, `Fn_${name}`, {
          api: this.api,
          name,
          dataSource: source(fn.dataSource, where),
          runtime: JS,
          code: codeOf(fn.file),
        });
        steps.set(key, f);
      }
      return f;
    };
    for (const r of description.resolvers) {
      const where = `resolver ${r.typeName}.${r.fieldName}`;
      const code = codeOf(r.file);
      if (r.kind === 'UNIT') {
        new appsync.Resolver(this, `${r.typeName}_${r.fieldName}`, {
          api: this.api,
          typeName: r.typeName,
          fieldName: r.fieldName,
          dataSource: source(r.dataSource, where),
          runtime: JS,
          code,
        });
      } else {
        new appsync.Resolver(this, `${r.typeName}_${r.fieldName}`, {
          api: this.api,
          typeName: r.typeName,
          fieldName: r.fieldName,
          pipelineConfig: r.functions.map((fn) => step(fn, where)),
          runtime: JS,
          code,
        });
      }
    }
  }

  private dataSource(name: string, def: DataSourceDef, data: Data, functions: Record<string, lambda.IFunction>): appsync.BaseDataSource {
    const where = `data source ${name}`;
    switch (def.kind) {
      case 'DYNAMODB': {
        const table = data.table(def.table, where);
        const ds = this.api.addDynamoDbDataSource(name, table);
        acknowledge(ds, `AwsSolutions-IAM5[Resource::${nagResource(this, table.tableArn)}/index/*]`, 'resolvers Query the sparse GSIs (feed, byAuthor, queue)');
        return ds;
      }
      case 'NONE':
        return this.api.addNoneDataSource(name);
      case 'LAMBDA': {
        const fn = functions[def.function];
        if (!fn) throw new Error(`${where}: unknown function "${def.function}" (functions: ${Object.keys(functions).join(', ')})`);
        const ds = this.api.addLambdaDataSource(name, fn);
        acknowledge(ds, `AwsSolutions-IAM5[Resource::${nagResource(this, fn.functionArn)}:*]`, 'CDK grants invoke on the function and its versions/aliases');
        return ds;
      }
    }
  }
}
