// util.str: normalize (documented for APPSYNC_JS) plus the $util.str helpers resolvers ported from VTL use.
import { expectString } from './guards.js';

const FORMS = { nfc: 'NFC', nfd: 'NFD', nfkc: 'NFKC', nfkd: 'NFKD' } as const;

export function normalize(value: unknown, normalizationType: unknown): string {
  const s = expectString('util.str.normalize', 'value', value);
  const t = expectString('util.str.normalize', 'normalizationType', normalizationType).toLowerCase();
  if (!(t in FORMS)) {
    throw new Error(`util.str.normalize: normalizationType must be one of nfc, nfd, nfkc, nfkd, got "${normalizationType as string}"`);
  }
  return s.normalize(FORMS[t as keyof typeof FORMS]);
}

export function toUpper(value: unknown): string {
  return expectString('util.str.toUpper', 'value', value).toUpperCase();
}

export function toLower(value: unknown): string {
  return expectString('util.str.toLower', 'value', value).toLowerCase();
}

/** Replaces every occurrence of `substring` (a plain string, not a pattern). */
export function toReplace(value: unknown, substring: unknown, replacement: unknown): string {
  const s = expectString('util.str.toReplace', 'value', value);
  const from = expectString('util.str.toReplace', 'substring', substring);
  const to = expectString('util.str.toReplace', 'replacement', replacement);
  return s.split(from).join(to);
}
