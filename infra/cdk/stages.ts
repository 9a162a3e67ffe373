// Stage settings: what differs between `dev` and `prd` (`-c stage=dev|prd`). Everything else is the same
// stack, so a dev deploy exercises what prd will run.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as logs from 'aws-cdk-lib/aws-logs';

export type StageName = 'dev' | 'prd';

export interface Stage {
  name: StageName;
  /** DESTROY in dev (throw-away stacks), RETAIN in prd (data and user pool outlive the stack) */
  removalPolicy: RemovalPolicy;
  deletionProtection: boolean;
  /** AppSync field-level logging: ALL in dev (every resolver's request/response), ERROR in prd (cost, PII) */
  fieldLogLevel: appsync.FieldLogLevel;
  logRetention: logs.RetentionDays;
  /** USER_PASSWORD_AUTH on the web client: dev only (scripts and tests); prd signs in with SRP */
  userPasswordAuth: boolean;
  /** requests per 5 minutes per IP before WAF blocks (AppSync API) */
  wafRateLimit: number;
  apiKeyLifetime: Duration;
  /** alarm notifications go here when set (`-c alarmEmail=ops@example.com`) */
  alarmEmail?: string;
  /** per-function environment overrides on AWS (e.g. the real moderation provider) */
  functionEnv: Record<string, Record<string, string>>;
}

const common = {
  // AppSync API keys live at most 365 days; a deploy renews the expiry.
  apiKeyLifetime: Duration.days(365),
  functionEnv: { moderation: { MODERATION_PROVIDER: 'aws' } },
};

const STAGES: Record<StageName, Omit<Stage, 'alarmEmail'>> = {
  dev: {
    ...common,
    name: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    fieldLogLevel: appsync.FieldLogLevel.ALL,
    logRetention: logs.RetentionDays.ONE_WEEK,
    userPasswordAuth: true,
    wafRateLimit: 1000,
  },
  prd: {
    ...common,
    name: 'prd',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    fieldLogLevel: appsync.FieldLogLevel.ERROR,
    logRetention: logs.RetentionDays.THREE_MONTHS,
    userPasswordAuth: false,
    wafRateLimit: 2000,
  },
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Reads the stage from CDK context values (`stage`, `alarmEmail`); unknown values are errors, not defaults. */
export function stageFromContext(get: (key: string) => unknown): Stage {
  const raw = get('stage') ?? 'dev';
  if (raw !== 'dev' && raw !== 'prd') {
    throw new Error(`context "stage": must be "dev" or "prd", got ${JSON.stringify(raw)}`);
  }
  const alarmEmail = get('alarmEmail');
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !EMAIL.test(alarmEmail))) {
    throw new Error(`context "alarmEmail": must be an email address, got ${JSON.stringify(alarmEmail)}`);
  }
  return { ...STAGES[raw], ...(alarmEmail ? { alarmEmail } : {}) };
}
