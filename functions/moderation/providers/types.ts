// The moderation check behind one interface: a local rules provider and an AWS one (Rekognition + Comprehend).
export interface ModerationInput {
  caption: string;
  /** S3 key of the image rendition to look at (media/<uploadId>/<width>.webp). */
  imageKey: string;
  /** Original image size in pixels. */
  width: number;
  height: number;
}

export interface ModerationVerdict {
  verdict: 'APPROVE' | 'FLAG';
  /** Why it was flagged, in words an admin reads in the queue (empty when approved). */
  reasons: string[];
}

export interface ModerationProvider {
  readonly name: string;
  check(input: ModerationInput): Promise<ModerationVerdict>;
}

export const verdictOf = (reasons: string[]): ModerationVerdict => ({ verdict: reasons.length ? 'FLAG' : 'APPROVE', reasons });
