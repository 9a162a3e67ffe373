// Notifier: turns stored notifications (NOTIF# inserts) and posts entering the moderation queue into the
// IAM-only publish mutations, so subscribers hear about asynchronous work. An HTTP or GraphQL error fails that
// record only (batchItemFailures).
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { processStream } from '../lib/batch.js';
import { region, requireEnv } from '../lib/env.js';
import { createLogger } from '../lib/log.js';
import { createSignedClient } from './graphql-client.js';
import { publicationFor } from './publish.js';

const logger = createLogger('notifier');

export async function handler(event: DynamoDBStreamEvent, context?: Context): Promise<DynamoDBBatchResponse> {
  const request = createSignedClient({ url: requireEnv('GRAPHQL_URL'), region: region() });
  return processStream(event, context, async (record) => {
    const publication = publicationFor(record);
    if (!publication) return;
    try {
      await request(publication.query, { input: publication.input });
      logger.info('published', { eventID: record.eventID, mutation: publication.query.includes('publishNotification') ? 'publishNotification' : 'publishModerationEvent' });
    } catch (err) {
      logger.error('publish failed', { eventID: record.eventID, error: err as Error });
      throw err;
    }
  });
}
