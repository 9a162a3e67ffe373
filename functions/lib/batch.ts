// Stream batches with partial failures (Powertools batch): a failing record is reported in batchItemFailures
// so only it (and, on a stream, what follows it) is retried, then parked in the dead-letter queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

/** Runs `handleRecord` on each record in order; a record that throws is logged (with its eventID) and reported. */
export async function processStream(
  event: DynamoDBStreamEvent,
  context: Context | undefined,
  logger: Logger,
  handleRecord: (record: DynamoDBRecord) => Promise<void>,
): Promise<DynamoDBBatchResponse> {
  // A processor per call: the local runtime may run invocations of one handler concurrently in one process.
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  const logged = async (record: DynamoDBRecord) => {
    try {
      await handleRecord(record);
    } catch (err) {
      logger.error('record failed', { eventID: record.eventID, error: err as Error });
      throw err;
    }
  };
  return processPartialResponse(event, logged, processor, {
    context,
    // In order: credits to one user must not race each other, and a stream retries from the first failure.
    processInParallel: false,
    // Report every failed record rather than throwing, so the caller always gets batchItemFailures.
    throwOnFullBatchFailure: false,
  }) as Promise<DynamoDBBatchResponse>;
}
