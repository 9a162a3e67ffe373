// The local rules provider: no network, deterministic. Flags blocked words, link spam (more than one URL or a
// known link shortener) and images whose stored size or type makes no sense.
import { MAX_SIDE, MIN_SIDE } from '../../image/process.js';
import { verdictOf, type ModerationInput, type ModerationProvider } from './types.js';

/** A small default list; extend with MODERATION_BLOCKED_WORDS (comma separated). */
export const DEFAULT_BLOCKED_WORDS = ['viagra', 'casino', 'porn', 'nazi', 'kill yourself', 'free money', 'crypto giveaway'];
export const SHORTENERS = ['bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc'];

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s]+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ly|co|at|gd|cc|xyz|ru|info|biz)(?:\/[^\s]*)?/gi;

export interface RulesOptions {
  blockedWords?: string[];
  maxLinks?: number;
  minSide?: number;
  maxSide?: number;
  /** Width/height beyond this ratio (either way) is a banner, not a photo. */
  maxAspectRatio?: number;
}

/** Caption text normalised so "V I A G R A" or "Casino!!" still match: lower case, letters/digits/spaces only. */
function normalise(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ');
}

export function findLinks(caption: string): string[] {
  return caption.match(URL_PATTERN) ?? [];
}

export function createRulesProvider(opts: RulesOptions = {}): ModerationProvider {
  const blocked = (opts.blockedWords ?? DEFAULT_BLOCKED_WORDS).map((w) => normalise(w).trim()).filter(Boolean);
  const maxLinks = opts.maxLinks ?? 1;
  // By default the image function's own limits: a stored size outside them was not made by it.
  const minSide = opts.minSide ?? MIN_SIDE;
  const maxSide = opts.maxSide ?? MAX_SIDE;
  const maxAspect = opts.maxAspectRatio ?? 10;
  return {
    name: 'rules',
    async check(input: ModerationInput) {
      const reasons: string[] = [];
      const text = ` ${normalise(input.caption)} `;
      const squashed = text.replace(/ /g, '');
      const hits = blocked.filter((word) => text.includes(` ${word} `) || (word.length >= 5 && squashed.includes(word.replace(/ /g, ''))));
      if (hits.length) reasons.push(`caption contains blocked words: ${hits.join(', ')}`);

      const links = findLinks(input.caption);
      if (links.length > maxLinks) reasons.push(`caption has ${links.length} links (at most ${maxLinks})`);
      const shortened = links.filter((link) => SHORTENERS.some((s) => link.toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').startsWith(`${s}/`)));
      if (shortened.length) reasons.push(`caption uses a link shortener: ${shortened.join(', ')}`);

      const { width, height } = input;
      if (!(width >= minSide && height >= minSide && width <= maxSide && height <= maxSide)) {
        reasons.push(`image size ${width}×${height} is outside ${minSide}..${maxSide} pixels`);
      } else if (Math.max(width / height, height / width) > maxAspect) {
        reasons.push(`image aspect ratio ${width}×${height} is more extreme than 1:${maxAspect}`);
      }
      if (!/^media\/[^/]+\/\d+\.webp$/.test(input.imageKey)) reasons.push(`image ${input.imageKey} is not a processed WebP rendition`);
      return verdictOf(reasons);
    },
  };
}
