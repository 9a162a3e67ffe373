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
  // Built per invocation on purpose: credentials are read at call time (on Lambda they come from the
  // environment, so this is cheap), and tests and the local runtime change them between invocations.
  const request = createSignedClient({ url: requireEnv('GRAPHQL_URL'), region: region() });
  return processStream(event, context, logger, async (record) => {
    const publication = publicationFor(record);
    if (!publication) return;
    await request(publication.query, { input: publication.input });
    logger.info('published', { eventID: record.eventID, mutation: publication.mutation });
  });
}
