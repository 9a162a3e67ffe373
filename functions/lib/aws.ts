// AWS SDK clients for the functions. On AWS they use the default credential chain; locally
// (DYNAMODB_ENDPOINT / S3_ENDPOINT set) they talk to DynamoDB Local and the S3 emulator with the settings
// DESIGN.md's "Known quirks" require. Clients are cached per endpoint so tests can point at fresh services.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { region } from './env.js';

/** DynamoDB Local (-sharedDb) ignores credentials, but the SDK wants some. */
const DYNAMODB_LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The S3 emulator (s3rver) only knows its built-in key pair S3RVER/S3RVER (it skips the signature check, not the
 * key id); S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY override it for another emulator.
 */
function s3LocalCredentials() {
  return {
    accessKeyId: process.env.S3_ACCESS_KEY_ID || 'S3RVER',
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY || 'S3RVER',
  };
}

const documentClients = new Map<string, DynamoDBDocumentClient>();
const s3Clients = new Map<string, S3Client>();

/** A DynamoDB document client (plain JS values in and out; undefined attributes dropped). */
export function dynamo(): DynamoDBDocumentClient {
  const endpoint = process.env.DYNAMODB_ENDPOINT || '';
  const cacheKey = `${endpoint}|${region()}`;
  let client = documentClients.get(cacheKey);
  if (!client) {
    const base = new DynamoDBClient(
      endpoint ? { endpoint, region: region(), credentials: DYNAMODB_LOCAL_CREDENTIALS } : { region: region() },
    );
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
    documentClients.set(cacheKey, client);
  }
  return client;
}

export function s3(): S3Client {
  const endpoint = process.env.S3_ENDPOINT || '';
  const cacheKey = `${endpoint}|${region()}`;
  let client = s3Clients.get(cacheKey);
  if (!client) {
    client = new S3Client(
      endpoint
        ? {
            endpoint,
            region: region(),
            credentials: s3LocalCredentials(),
            forcePathStyle: true, // 127.0.0.1 cannot carry virtual-host bucket names
            // SDK >= 3.729 checksums: s3rver would store chunk framing and presigned URLs would carry an
            // empty-body checksum (DESIGN.md "Known quirks").
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }
        : { region: region() },
    );
    s3Clients.set(cacheKey, client);
  }
  return client;
}
