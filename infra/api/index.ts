// The declarative description of the API: the single list of tables, buckets, data sources, resolvers and
// functions that both the CDK app (infra/cdk) and the local runtime (infra/local) read.
// Item layouts and index design: docs/data-model.md.
import { UPLOADS_PREFIX } from '../../functions/lib/media.js';
import type { ApiDescription } from './types.js';
import { functions } from './functions.js';
import { contentResolvers } from './resolvers/content.js';
import { walletResolvers } from './resolvers/wallet.js';
import { moderationResolvers } from './resolvers/moderation.js';

export const api: ApiDescription = {
  name: 'social-feed',
  schemaFile: 'schema.graphql',
  auth: {
    default: 'AMAZON_COGNITO_USER_POOLS',
    additional: ['API_KEY', 'AWS_IAM'],
    adminGroup: 'admins',
  },
  env: {
    // transactions and batch operations name their table
    TABLE_NAME: { table: 'main' },
    MEDIA_BASE_URL: { bucketCdnUrl: 'media' },
  },
  tables: {
    main: {
      partitionKey: 'PK',
      sortKey: 'SK',
      stream: 'NEW_AND_OLD_IMAGES',
      ttlAttribute: 'expiresAt',
      indexes: [
        { name: 'feed', partitionKey: 'feedPK', sortKey: 'feedSK' },
        { name: 'byAuthor', partitionKey: 'authorPK', sortKey: 'authorSK' },
        { name: 'queue', partitionKey: 'queuePK', sortKey: 'queueSK' },
      ],
    },
  },
  buckets: {
    media: { cdn: true, expirePrefixes: { [UPLOADS_PREFIX]: 1 } },
  },
  dataSources: {
    table: { kind: 'DYNAMODB', table: 'main' },
    none: { kind: 'NONE' },
    uploadTicket: { kind: 'LAMBDA', function: 'uploadTicket' },
  },
  resolvers: [...contentResolvers, ...walletResolvers, ...moderationResolvers],
  functions,
};
