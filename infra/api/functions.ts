// The Lambda functions of the API: what each one is, what it may touch, and what runs it. The CDK app turns
// these into functions, least-privilege roles, event source mappings (with dead-letter queues) and schedules;
// the local runtime into in-process handlers fed by the stream poller, s3rver events and timers.
import { MEDIA_PREFIX, UPLOADS_PREFIX } from '../../functions/lib/media.js';
import type { FunctionDef } from './types.js';

const TABLE = 'main';
const BUCKET = 'media';

export const functions: Record<string, FunctionDef> = {
  uploadTicket: {
    dir: 'upload-ticket',
    description: 'AppSync Lambda resolver for requestUpload: a 5-minute presigned POST into uploads/ and the UPLOAD item',
    memoryMb: 256,
    timeoutSeconds: 10,
    env: { TABLE_NAME: { table: TABLE }, MEDIA_BUCKET: { bucket: BUCKET } },
    grants: [
      { table: TABLE, access: 'write' },
      // Presigning needs the role that will PUT the object to be allowed to (the POST is made with its signature).
      { bucket: BUCKET, access: 'write', prefix: UPLOADS_PREFIX },
    ],
  },
  image: {
    dir: 'image',
    description: 'Verifies an uploaded image with sharp, writes WebP widths and a placeholder to media/, marks the upload READY or REJECTED',
    // sharp decodes up to 40 MP: give it room (memory also buys CPU on Lambda).
    memoryMb: 1536,
    timeoutSeconds: 60,
    env: { TABLE_NAME: { table: TABLE }, MEDIA_BUCKET: { bucket: BUCKET } },
    grants: [
      { table: TABLE, access: 'readWrite' },
      { bucket: BUCKET, access: 'readWrite', prefix: UPLOADS_PREFIX },
      { bucket: BUCKET, access: 'write', prefix: MEDIA_PREFIX },
    ],
    triggers: [{ kind: 's3-object-created', bucket: BUCKET, prefix: UPLOADS_PREFIX }],
  },
  moderation: {
    dir: 'moderation',
    description: 'Checks new posts (rules locally, Rekognition + Comprehend on AWS) and moves them PENDING → APPROVED or FLAGGED',
    memoryMb: 512,
    timeoutSeconds: 30,
    env: {
      TABLE_NAME: { table: TABLE },
      MEDIA_BUCKET: { bucket: BUCKET },
      // 'rules' (local default) or 'aws'; a deployed stage sets 'aws' here.
      MODERATION_PROVIDER: { value: 'rules' },
    },
    grants: [
      // One TransactWriteItems (post update + notification put); the post comes from the stream record.
      { table: TABLE, access: 'write' },
      { bucket: BUCKET, access: 'read', prefix: MEDIA_PREFIX },
      { service: 'rekognition', actions: ['rekognition:DetectModerationLabels'] },
      { service: 'comprehend', actions: ['comprehend:DetectToxicContent'] },
    ],
    triggers: [
      { kind: 'dynamodb-stream', table: TABLE, batchSize: 10, skPrefixes: ['POST'], eventNames: ['INSERT'], maxRetries: 3 },
    ],
  },
  rewards: {
    dir: 'rewards',
    description: 'Earns coins from new posts, likes and comments (one idempotent transaction per credit, 500/day cap); tells authors about comments',
    memoryMb: 256,
    timeoutSeconds: 30,
    env: { TABLE_NAME: { table: TABLE } },
    grants: [{ table: TABLE, access: 'readWrite' }],
    triggers: [
      {
        kind: 'dynamodb-stream',
        table: TABLE,
        batchSize: 25,
        skPrefixes: ['POST', 'LIKE#', 'COMMENT#'],
        eventNames: ['INSERT'],
        maxRetries: 5,
      },
    ],
  },
  notifier: {
    dir: 'notifier',
    description: 'Publishes stored notifications and moderation-queue entries to subscribers via the IAM-only mutations (SigV4)',
    memoryMb: 256,
    timeoutSeconds: 30,
    env: { GRAPHQL_URL: { graphqlUrl: true } },
    grants: [{ api: 'mutation', fields: ['publishNotification', 'publishModerationEvent'] }],
    triggers: [
      {
        kind: 'dynamodb-stream',
        table: TABLE,
        batchSize: 25,
        // NOTIF# inserts, and POST modifications (the handler keeps those where queueSK appears).
        skPrefixes: ['NOTIF#', 'POST'],
        eventNames: ['INSERT', 'MODIFY'],
        maxRetries: 3,
      },
    ],
  },
  reconcile: {
    dir: 'reconcile',
    description: 'Hourly: checks balance == sum(ledger), balance >= 0 and earned per day <= 500 for every wallet; EMF metric on mismatch',
    memoryMb: 512,
    timeoutSeconds: 300,
    env: { TABLE_NAME: { table: TABLE } },
    grants: [{ table: TABLE, access: 'read' }],
    triggers: [{ kind: 'schedule', expression: 'rate(1 hour)' }],
    // One run at a time: a slow run must not overlap the next.
    reservedConcurrency: 1,
  },
};
