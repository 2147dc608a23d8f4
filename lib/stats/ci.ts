// Normal-theory helpers and the percentile bootstrap interval shared by the agreement statistics. Pure and
// deterministic: the same data and seed give the same interval on every page load.
import { seededRandom } from "@/lib/random";

/** The 97.5 % quantile of the standard normal distribution: a 95 % interval is estimate ± Z95 × SE. */
export const Z95 = 1.959963984540054;

/** estimate ± Z95 × se, cut to [lo, hi] (kappa cannot leave [-1, 1]). */
export function waldInterval(value: number, se: number, lo = -1, hi = 1): [number, number] {
  return [Math.max(lo, value - Z95 * se), Math.min(hi, value + Z95 * se)];
}

/**
 * Complementary error function, Chebyshev fit of Numerical Recipes (erfcc), fractional error below 1.2e-7 —
 * ample for the four decimals a p-value is shown with.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Two-sided p-value of a standard normal z. */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** Quantile with linear interpolation between order statistics (R's type 7), of an ascending array. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface BootstrapOptions {
  /** Resamples drawn; 1000 unless given. */
  replicates?: number;
  /** Seed of the generator; 20261201 unless given. */
  seed?: number;
}

export const DEFAULT_REPLICATES = 1000;
export const DEFAULT_SEED = 20261201;

/**
 * Percentile bootstrap over units: draws `units` indices with replacement, `replicates` times, and asks `statistic`
 * for the value of each resample (null when the resample has none, e.g. every value alike). Gives the 2.5 % and
 * 97.5 % percentiles and the standard deviation of the replicates, or null when fewer than half the resamples have
 * a value.
 */
export function percentileBootstrap(
  units: number,
  statistic: (counts: Uint32Array) => number | null,
  options: BootstrapOptions = {},
): { ci: [number, number]; se: number; used: number } | null {
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const values: number[] = [];
  const counts = new Uint32Array(units);
  for (let b = 0; b < replicates; b++) {
    counts.fill(0);
    for (let i = 0; i < units; i++) counts[Math.floor(random() * units)]++;
    const v = statistic(counts);
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length < Math.max(2, replicates / 2)) return null;
  values.sort((x, y) => x - y);
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
  return { ci: [quantileSorted(values, 0.025), quantileSorted(values, 0.975)], se: sd, used: values.length };
}
