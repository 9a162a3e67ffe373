// Small statistics helpers for the benchmarks (nearest-rank percentiles, rounding).

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** p50/p99/mean/max of raw samples (same unit as the input). */
export function summarize(samples: number[], digits = 2): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50), digits),
    p99: round(percentile(sorted, 99), digits),
    mean: round(mean, digits),
    max: round(sorted[sorted.length - 1] ?? NaN, digits),
  };
}

export const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / (xs.length || 1);
