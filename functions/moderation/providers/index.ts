// Chooses the provider from MODERATION_PROVIDER: 'rules' (default, local) or 'aws'.
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { s3 } from '../../lib/aws.js';
import { mediaBucket, numberEnv, region } from '../../lib/env.js';
import { createAwsProvider } from './aws.js';
import { createRulesProvider } from './rules.js';
import type { ModerationProvider } from './types.js';

export type { ModerationInput, ModerationProvider, ModerationVerdict } from './types.js';

// Created once per region and kept across invocations (the handler asks for the provider on every batch).
const awsClients = new Map<string, { rekognition: RekognitionClient; comprehend: ComprehendClient }>();
function awsClientsFor(region: string) {
  let clients = awsClients.get(region);
  if (!clients) {
    clients = { rekognition: new RekognitionClient({ region }), comprehend: new ComprehendClient({ region }) };
    awsClients.set(region, clients);
  }
  return clients;
}

export function providerFromEnv(env: NodeJS.ProcessEnv = process.env): ModerationProvider {
  const name = env.MODERATION_PROVIDER || 'rules';
  if (name === 'rules') {
    const extra = (env.MODERATION_BLOCKED_WORDS ?? '').split(',').map((w) => w.trim()).filter(Boolean);
    return createRulesProvider(extra.length ? { blockedWords: extra } : {});
  }
  if (name === 'aws') {
    return createAwsProvider({
      ...awsClientsFor(region()),
      async readImage(key) {
        const object = await s3().send(new GetObjectCommand({ Bucket: mediaBucket(), Key: key }));
        return Buffer.from(await object.Body!.transformToByteArray());
      },
      minConfidence: numberEnv('MODERATION_MIN_CONFIDENCE', 80, env),
      toxicityThreshold: numberEnv('MODERATION_TOXICITY_THRESHOLD', 0.7, env),
    });
  }
  throw new Error(`MODERATION_PROVIDER must be 'rules' or 'aws', got "${name}"`);
}
