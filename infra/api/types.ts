// The shape of the declarative API description (`infra/api/index.ts`). Both the CDK app (AWS) and the local
// runtime iterate one value of this type, so what is tested locally is what deploys.

export type AuthMode = 'AMAZON_COGNITO_USER_POOLS' | 'API_KEY' | 'AWS_IAM';

export interface TableIndex {
  name: string;
  partitionKey: string;
  sortKey?: string;
}

export interface TableDef {
  partitionKey: string;
  sortKey: string;
  indexes: TableIndex[];
  /** DynamoDB stream view type; every table here streams NEW_AND_OLD_IMAGES */
  stream: 'NEW_AND_OLD_IMAGES';
  ttlAttribute?: string;
}

export interface BucketDef {
  /** key prefixes whose objects expire after so many days (raw uploads) */
  expirePrefixes?: Record<string, number>;
  /** served through CloudFront (media) */
  cdn?: boolean;
}

export type DataSourceDef =
  | { kind: 'DYNAMODB'; table: string }
  | { kind: 'LAMBDA'; function: string }
  | { kind: 'NONE' };

/** A permission a function needs, turned by CDK into a least-privilege policy and ignored locally. */
export type Grant =
  | { table: string; access: 'read' | 'write' | 'readWrite' }
  | { bucket: string; access: 'read' | 'write' | 'readWrite'; prefix?: string }
  | { api: 'mutation'; fields: string[] }
  | { service: 'rekognition' | 'comprehend'; actions: string[] };

export type Trigger =
  | {
      kind: 'dynamodb-stream';
      table: string;
      batchSize: number;
      /** only records whose key SK starts with one of these (a stream filter on AWS) */
      skPrefixes?: string[];
      eventNames?: Array<'INSERT' | 'MODIFY' | 'REMOVE'>;
      /** retries of a failed batch before its records go to the dead-letter queue */
      maxRetries: number;
    }
  | { kind: 's3-object-created'; bucket: string; prefix: string }
  | { kind: 'schedule'; /** EventBridge expression, e.g. rate(1 hour) */ expression: string };

/** Where an environment variable's value comes from (a resource's name/URL, resolved per environment). */
export type EnvRef =
  | { table: string }
  | { bucket: string }
  | { bucketCdnUrl: string }
  | { graphqlUrl: true }
  | { value: string };

export interface FunctionDef {
  /** folder under functions/, holding handler.ts that exports `handler` */
  dir: string;
  description: string;
  memoryMb: number;
  timeoutSeconds: number;
  env?: Record<string, EnvRef>;
  grants: Grant[];
  triggers?: Trigger[];
  reservedConcurrency?: number;
}

/** A pipeline function: one resolver file run against one data source. */
export interface PipelineFunctionDef {
  /** path from the repo root, e.g. resolvers/Mutation.likePost/1.getPost.ts */
  file: string;
  dataSource: string;
}

export type ResolverDef =
  | { typeName: string; fieldName: string; kind: 'UNIT'; file: string; dataSource: string }
  | {
      typeName: string;
      fieldName: string;
      kind: 'PIPELINE';
      /** the before/after handlers, e.g. resolvers/Mutation.likePost/index.ts */
      file: string;
      functions: PipelineFunctionDef[];
    };

export interface ApiDescription {
  name: string;
  schemaFile: string;
  auth: { default: AuthMode; additional: AuthMode[]; adminGroup: string };
  /** AppSync environment variables (ctx.env) */
  env: Record<string, EnvRef>;
  tables: Record<string, TableDef>;
  buckets: Record<string, BucketDef>;
  dataSources: Record<string, DataSourceDef>;
  resolvers: ResolverDef[];
  functions: Record<string, FunctionDef>;
}
