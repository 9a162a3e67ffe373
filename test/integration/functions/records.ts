// Stream records and events as Lambda receives them from a NEW_AND_OLD_IMAGES table stream (no services needed).
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';

type LambdaImage = NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['NewImage']>;

let sequence = 1000;

/** A stream record shaped as Lambda receives it from a NEW_AND_OLD_IMAGES stream. */
export function streamRecord(opts: {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage?: Record<string, unknown>;
  oldImage?: Record<string, unknown>;
  at?: Date;
  streamArn?: string;
}): DynamoDBRecord {
  const image = opts.newImage ?? opts.oldImage ?? {};
  const sequenceNumber = String((sequence += 1)).padStart(21, '0');
  const toImage = (item?: Record<string, unknown>) =>
    item ? (marshall(item, { removeUndefinedValues: true }) as LambdaImage) : undefined;
  return {
    eventID: `evt-${sequenceNumber}`,
    eventName: opts.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor((opts.at ?? new Date()).getTime() / 1000),
      Keys: toImage({ PK: image.PK, SK: image.SK }),
      NewImage: toImage(opts.newImage),
      OldImage: toImage(opts.oldImage),
      SequenceNumber: sequenceNumber,
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: opts.streamArn ?? 'arn:aws:dynamodb:us-east-1:000000000000:table/test/stream/2026-01-01T00:00:00.000',
  };
}

export const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });

