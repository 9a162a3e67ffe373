// The input limits of the API contract (schema.graphql's header), as plain constants with no imports, so the
// resolvers that enforce them, the functions and the web app that explains them all read one definition.
export const LIMITS = {
  pageDefault: 20,
  pageMax: 50,
  caption: 280,
  comment: 500,
  reason: 500,
  note: 500,
  bio: 300,
  handleMin: 3,
  handleMax: 24,
  batchIds: 50,
} as const;

/** Images people may upload: these content types, at most 10 MiB. */
export const UPLOAD = {
  imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  maxBytes: 10 * 1024 * 1024,
} as const;
