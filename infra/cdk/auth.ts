// Cognito: the user pool people sign up to with their email, the admins group (moderators), and the web
// app's client (SRP + refresh; USER_PASSWORD_AUTH only where the stage allows it).
import { Duration } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';
import type { Stage } from './stages.js';

export interface AuthProps {
  stage: Stage;
  adminGroup: string;
}

export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly webClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const { stage } = props;
    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 10,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // People may add an authenticator app; a feed app does not force it on everyone.
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      deletionProtection: stage.deletionProtection,
      removalPolicy: stage.removalPolicy,
    });

    acknowledge(this.userPool, 'AwsSolutions-COG2', 'MFA is optional (TOTP) for people browsing a public feed; admins are expected to enable it');
    acknowledge(this.userPool, 'AwsSolutions-COG8', 'Essentials tier: the Plus tier (threat protection) is a per-user cost decision not taken yet');
    new cognito.UserPoolGroup(this, 'Admins', {
      userPool: this.userPool,
      groupName: props.adminGroup,
      description: 'Moderators: the moderation queue, reports, audit log and rewards catalogue',
    });

    this.webClient = this.userPool.addClient('Web', {
      generateSecret: false, // a browser cannot keep a secret
      // ALLOW_REFRESH_TOKEN_AUTH is always added by CDK when auth flows are given.
      authFlows: { userSrp: true, userPassword: stage.userPasswordAuth },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
