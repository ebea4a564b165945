/** The value below which `share` (0..1) of the sorted samples fall, nearest-rank. */
export function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(share * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export type LatencySummary = { count: number; p50: number; p99: number; max: number };

export function summarise(latenciesMs: number[]): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}
