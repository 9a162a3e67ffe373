// util.math. randomWithinRange follows the doc: an integer between the two bounds, both included.
import { expectNumber } from './guards.js';

/** Rounds half up, like Java's Math.round (and JS Math.round). */
export function roundNum(input: unknown): number {
  return Math.round(expectNumber('util.math.roundNum', 'input', input));
}

export function minVal(a: unknown, b: unknown): number {
  return Math.min(expectNumber('util.math.minVal', 'input1', a), expectNumber('util.math.minVal', 'input2', b));
}

export function maxVal(a: unknown, b: unknown): number {
  return Math.max(expectNumber('util.math.maxVal', 'input1', a), expectNumber('util.math.maxVal', 'input2', b));
}

export function randomDouble(): number {
  return Math.random();
}

export function randomWithinRange(start: unknown, end: unknown): number {
  let lo = Math.ceil(expectNumber('util.math.randomWithinRange', 'start', start));
  let hi = Math.floor(expectNumber('util.math.randomWithinRange', 'end', end));
  if (lo > hi) [lo, hi] = [hi, lo];
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}
