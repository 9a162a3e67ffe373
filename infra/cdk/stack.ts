// The whole deployment of one stage: everything the local stack runs, built from the same API description.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { ApiDescription } from '../api/types.js';
import { Alarms } from './alarms.js';
import { Api } from './api.js';
import { Auth } from './auth.js';
import { Data } from './data.js';
import { resolveEnv, type EnvTargets } from './env-refs.js';
import { Functions } from './functions.js';
import { Media } from './media.js';
import { applyStackAcknowledgments } from './nag.js';
import { OUTPUTS } from './outputs.js';
import type { Stage } from './stages.js';
import { Waf } from './waf.js';
import { Web } from './web.js';

export interface FeedStackProps extends StackProps {
  stage: Stage;
  /** the declarative API description (infra/api/index.ts) */
  apiDescription: ApiDescription;
  /** repository root (schema, resolvers/, functions/ are read from here) */
  root: string;
  requireNativeLayers?: boolean;
}

export class FeedStack extends Stack {
  readonly auth: Auth;
  readonly data: Data;
  readonly media: Media;
  readonly web: Web;
  readonly api: Api;
  readonly functions: Functions;
  readonly alarms: Alarms;
  readonly waf: Waf;

  constructor(scope: Construct, id: string, props: FeedStackProps) {
    super(scope, id, props);
    const { stage, apiDescription: description, root } = props;

    // CloudFront standard logs and S3 server access logs; CloudFront's log delivery still needs ACLs.
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(stage.name === 'prd' ? 365 : 30) }],
      removalPolicy: stage.removalPolicy,
      autoDeleteObjects: stage.removalPolicy === RemovalPolicy.DESTROY,
    });

    this.auth = new Auth(this, 'Auth', { stage, adminGroup: description.auth.adminGroup });
    this.data = new Data(this, 'Data', { stage, tables: description.tables });
    this.media = new Media(this, 'Media', { stage, buckets: description.buckets, accessLogs });
    this.web = new Web(this, 'Web', { stage, accessLogs });
    this.media.allowUploadsFrom([this.web.url, ...(stage.name === 'dev' ? ['http://localhost:5173', 'http://127.0.0.1:5173'] : [])]);

    this.api = new Api(this, 'Api', { stage, description, root, userPool: this.auth.userPool });
    const targets: EnvTargets = {
      tableName: (t, where) => this.data.table(t, where).tableName,
      bucketName: (b, where) => this.media.bucket(b, where).bucketName,
      cdnUrl: (b, where) => this.media.cdnUrl(b, where),
      graphqlUrl: () => this.api.api.graphqlUrl,
    };
    this.api.addEnvironment(resolveEnv(description.env, targets, 'api'));

    this.functions = new Functions(this, 'Functions', {
      stage,
      functions: description.functions,
      root,
      data: this.data,
      media: this.media,
      api: this.api.api,
      env: targets,
      requireNativeLayers: props.requireNativeLayers ?? false,
    });
    this.api.addResolvers(this.data, this.functions.functions);

    this.alarms = new Alarms(this, 'Alarms', {
      stage,
      functions: this.functions.functions,
      deadLetterQueues: this.functions.deadLetterQueues,
      api: this.api.api,
    });
    this.waf = new Waf(this, 'Waf', { resourceArn: this.api.api.arn, ratePer5Minutes: stage.wafRateLimit, name: `${id}-api` });

    const out = (name: string, value: string, description: string) => new CfnOutput(this, name, { value, description });
    out(OUTPUTS.region, this.region, 'AWS region of the API and user pool');
    out(OUTPUTS.graphqlUrl, this.api.api.graphqlUrl, 'AppSync GraphQL endpoint');
    out(OUTPUTS.apiKey, this.api.api.apiKey ?? '', 'API key for anonymous browsing (public by design: the web app ships it)');
    out(OUTPUTS.userPoolId, this.auth.userPool.userPoolId, 'Cognito user pool');
    out(OUTPUTS.userPoolClientId, this.auth.webClient.userPoolClientId, 'Cognito app client of the web app');
    const mediaCdn = Object.keys(this.media.distributions)[0];
    if (mediaCdn) out(OUTPUTS.mediaBaseUrl, this.media.cdnUrl(mediaCdn, 'outputs'), 'CloudFront base URL of processed media');
    const mediaBucket = Object.keys(this.media.buckets)[0];
    if (mediaBucket) out(OUTPUTS.mediaBucket, this.media.bucket(mediaBucket, 'outputs').bucketName, 'upload bucket');
    out(OUTPUTS.webUrl, this.web.url, 'the web app');
    out(OUTPUTS.webBucket, this.web.bucket.bucketName, 'bucket the deploy script uploads web/dist into');

    applyStackAcknowledgments(this);
  }
}
