// Where images live in the media bucket: raw uploads (unverified bytes, expire after a day) and processed
// renditions (the only prefix CloudFront may read). The upload ticket, the image function, the moderation rules
// and the infrastructure's grants all spell the keys from here.
import { UPLOAD } from '../../resolvers/lib/limits.js';

export const UPLOADS_PREFIX = 'uploads/';
export const MEDIA_PREFIX = 'media/';
/** Largest upload the presigned POST accepts and the image function reads (the API contract's limit). */
export const MAX_UPLOAD_BYTES = UPLOAD.maxBytes;

export const uploadKey = (sub: string, uploadId: string) => `${UPLOADS_PREFIX}${sub}/${uploadId}`;
export const mediaKey = (uploadId: string, width: number) => `${MEDIA_PREFIX}${uploadId}/${width}.webp`;
