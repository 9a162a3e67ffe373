// The AWS provider: Amazon Rekognition DetectModerationLabels on the image and Amazon Comprehend
// DetectToxicContent on the caption. Rekognition reads JPEG/PNG only, so the WebP rendition is fetched and
// converted to JPEG bytes here. Clients are injected, so tests pass mocked ones.
import { DetectToxicContentCommand, type ComprehendClient } from '@aws-sdk/client-comprehend';
import { DetectModerationLabelsCommand, type RekognitionClient } from '@aws-sdk/client-rekognition';
import sharp from 'sharp';
import { verdictOf, type ModerationInput, type ModerationProvider } from './types.js';

export interface AwsProviderOptions {
  rekognition: Pick<RekognitionClient, 'send'>;
  comprehend: Pick<ComprehendClient, 'send'>;
  /** Reads the rendition's bytes (S3 GetObject in the handler). */
  readImage(key: string): Promise<Buffer>;
  /** Rekognition MinConfidence, 0..100 (default 80). */
  minConfidence?: number;
  /** Comprehend toxicity score that flags, 0..1 (default 0.7); also applied to each toxicity label. */
  toxicityThreshold?: number;
  /** Caption language for Comprehend (default en; DetectToxicContent supports English). */
  languageCode?: string;
}

export function createAwsProvider(opts: AwsProviderOptions): ModerationProvider {
  const minConfidence = opts.minConfidence ?? 80;
  const toxicity = opts.toxicityThreshold ?? 0.7;
  return {
    name: 'aws',
    async check(input: ModerationInput) {
      const jpeg = await sharp(await opts.readImage(input.imageKey)).jpeg({ quality: 85 }).toBuffer();
      const caption = input.caption.trim();
      const [image, text] = await Promise.all([
        opts.rekognition.send(new DetectModerationLabelsCommand({ Image: { Bytes: jpeg }, MinConfidence: minConfidence })),
        // Comprehend refuses empty text: an empty caption has nothing to check.
        caption
          ? opts.comprehend.send(
              new DetectToxicContentCommand({ TextSegments: [{ Text: caption }], LanguageCode: (opts.languageCode ?? 'en') as 'en' }),
            )
          : Promise.resolve(undefined),
      ]);
      const reasons: string[] = [];
      const labels = (image.ModerationLabels ?? []).filter((l) => (l.Confidence ?? 0) >= minConfidence);
      if (labels.length) {
        reasons.push(`image: ${labels.map((l) => `${l.Name} (${Math.round(l.Confidence ?? 0)}%)`).join(', ')}`);
      }
      for (const result of text?.ResultList ?? []) {
        const hits = (result.Labels ?? []).filter((l) => (l.Score ?? 0) >= toxicity);
        if ((result.Toxicity ?? 0) >= toxicity || hits.length) {
          const detail = hits.map((l) => `${l.Name} ${(l.Score ?? 0).toFixed(2)}`).join(', ');
          reasons.push(`caption toxicity ${(result.Toxicity ?? 0).toFixed(2)}${detail ? `: ${detail}` : ''}`);
        }
      }
      return verdictOf(reasons);
    },
  };
}
