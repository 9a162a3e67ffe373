// The CDK app: `npx cdk synth -c stage=dev|prd` (offline) and `npm run deploy -- -c stage=dev|prd`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { api } from '../api/index.js';
import { stackName } from './outputs.js';
import { FeedStack } from './stack.js';
import { stageFromContext } from './stages.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const app = new App();
const stage = stageFromContext((key) => app.node.tryGetContext(key));

new FeedStack(app, stackName(stage.name), {
  stage,
  apiDescription: api,
  description: `Social image feed (${stage.name}): AppSync, DynamoDB, Lambda, Cognito, S3 + CloudFront`,
  root,
  requireNativeLayers: app.node.tryGetContext('requireNativeLayers') === 'true' || app.node.tryGetContext('requireNativeLayers') === true,
  // region/account from the CLI's profile at deploy time; synth stays environment-agnostic (offline)
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  tags: { app: api.name, stage: stage.name },
});

// cdk-nag's AWS Solutions rules on every synth: an unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
