// Agreement statistics from grouped units: each group is one pattern of ratings (e.g. "accept, accept, edit")
// with the number of units that showed it. Units with the same pattern are interchangeable in Fleiss' kappa,
// Krippendorff's alpha and percent agreement, so these give exactly the values of the per-unit functions on the
// expanded data; the dashboard keeps only these group counts (lib/dashboard), never a row per item.
// Krippendorff's bootstrap resamples units too: drawing N units with replacement from G patterns is a multinomial
// draw of the pattern counts, done here with sequential binomials (exact below 30 expected units, normal
// approximation above; at the dashboard's sizes the difference is far below the interval's own resolution).

import { DEFAULT_REPLICATES, DEFAULT_SEED, quantileSorted, waldInterval, type BootstrapOptions } from "./ci";
import { fleissFromCounts } from "./kappa";
import { seededRandom } from "@/lib/random";
import { estimate, notDefined, type Agreement } from "./result";
import { compareCategories, type Category } from "./tables";

export interface UnitGroup {
  /** The ratings of one unit of this pattern (order does not matter). */
  values: readonly Category[];
  /** How many units showed the pattern. */
  units: number;
}

function categoriesOfGroups(groups: readonly UnitGroup[], categories?: readonly Category[]): Category[] {
  if (categories) return [...categories];
  return [...new Set(groups.flatMap((g) => g.values))].sort(compareCategories);
}

/** Fleiss' kappa over the units with exactly `ratingsPerItem` ratings. */
export function fleissFromGroups(groups: readonly UnitGroup[], ratingsPerItem: number, categories?: readonly Category[]): Agreement {
  const kept = groups.filter((g) => g.values.length === ratingsPerItem && g.units > 0);
  if (kept.length === 0) return notDefined("no items", 0);
  const cats = categoriesOfGroups(kept, categories);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  if (kept.some((g) => g.values.some((v) => !index.has(v)))) return notDefined("unknown category", kept.reduce((s, g) => s + g.units, 0));
  const rows = kept.map((g) => {
    const row = new Array<number>(cats.length).fill(0);
    for (const v of g.values) row[index.get(v)!]++;
    return row;
  });
  const { pBar: _p, pBarE: _e, ...rest } = fleissFromCounts(rows, kept.map((g) => g.units));
  return rest as Agreement;
}

/** Percent agreement (mean share of agreeing rater pairs per unit) over units with two or more ratings. */
export function percentAgreementFromGroups(groups: readonly UnitGroup[]): Agreement {
  const pairable = groups.filter((g) => g.values.length >= 2 && g.units > 0);
  const n = pairable.reduce((s, g) => s + g.units, 0);
  if (n === 0) return notDefined("no overlap", 0);
  let sum = 0;
  for (const g of pairable) {
    const tally = new Map<Category, number>();
    for (const v of g.values) tally.set(v, (tally.get(v) ?? 0) + 1);
    let agreeing = 0;
    for (const c of tally.values()) agreeing += c * (c - 1);
    sum += (g.units * agreeing) / (g.values.length * (g.values.length - 1));
  }
  return estimate({ value: sum / n, n, method: "Percent agreement: mean share of agreeing rater pairs per item" });
}

/** Nominal α of a coincidence matrix built from weighted patterns; null without expected disagreement. */
function nominalAlpha(entries: readonly (readonly [number, number, number])[][], weights: ArrayLike<number>, V: number): number | null {
  const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  entries.forEach((list, g) => {
    const w = weights[g];
    if (w === 0) return;
    for (const [c, k, x] of list) o[c][k] += x * w;
  });
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n < 2) return null;
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++)
      if (c !== k) {
        observed += o[c][k];
        expected += nc[c] * nc[k];
      }
  if (expected <= 1e-12 * n * n) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/** A binomial draw: exact (inversion by waiting times) for small expected counts, normal approximation otherwise. */
export function binomial(n: number, p: number, random: () => number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let x: number;
  if (n * q < 30) {
    // Geometric waiting times between successes.
    const logq = Math.log(1 - q);
    x = 0;
    let pos = 0;
    for (;;) {
      pos += Math.floor(Math.log(1 - random()) / logq) + 1;
      if (pos > n) break;
      x++;
    }
  } else {
    const u1 = Math.max(random(), 1e-300);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
    x = Math.min(n, Math.max(0, Math.round(n * q + z * Math.sqrt(n * q * (1 - q)))));
  }
  return flip ? n - x : x;
}

/** A multinomial draw of `n` units over groups with the given sizes (probabilities proportional to them). */
export function multinomial(n: number, sizes: readonly number[], random: () => number, out = new Float64Array(sizes.length)): Float64Array {
  let left = n;
  let mass = sizes.reduce((s, x) => s + x, 0);
  for (let g = 0; g < sizes.length; g++) {
    if (left === 0 || mass <= 0) {
      out[g] = 0;
      continue;
    }
    const x = g === sizes.length - 1 ? left : binomial(left, sizes[g] / mass, random);
    out[g] = x;
    left -= x;
    mass -= sizes[g];
  }
  return out;
}

const ALPHA_METHOD = "Krippendorff's alpha, nominal metric (coincidence matrix, Krippendorff 2011)";

export interface GroupedAlphaOptions {
  categories?: readonly Category[];
  /** "bootstrap" (default, as krippendorffAlpha) or "jackknife" (leave one item out; cheap at any size). */
  interval?: "bootstrap" | "jackknife";
  bootstrap?: BootstrapOptions | false;
}

/** Nominal Krippendorff's alpha of grouped units, with a 95 % interval (bootstrap over units, or jackknife). */
export function alphaFromGroups(groups: readonly UnitGroup[], options: GroupedAlphaOptions = {}): Agreement {
  const pairable = groups.filter((g) => g.values.length >= 2 && g.units > 0);
  const N = pairable.reduce((s, g) => s + g.units, 0);
  if (N === 0) return notDefined("no overlap", 0);
  const cats = categoriesOfGroups(pairable, options.categories);
  const index = new Map(cats.map((c, i) => [c, i] as const));
  if (pairable.some((g) => g.values.some((v) => !index.has(v)))) return notDefined("unknown category", N);
  const entries = pairable.map((g) => {
    const tally = new Map<number, number>();
    for (const v of g.values) tally.set(index.get(v)!, (tally.get(index.get(v)!) ?? 0) + 1);
    const m = g.values.length;
    const list: [number, number, number][] = [];
    for (const [c, nc] of tally)
      for (const [k, nk] of tally) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs > 0) list.push([c, k, pairs / (m - 1)]);
      }
    return list;
  });
  const sizes = pairable.map((g) => g.units);
  const value = nominalAlpha(entries, sizes, cats.length);
  if (value === null) return notDefined("one category only", N);
  if (options.interval === "jackknife") {
    // Leave one unit out: every unit of a pattern gives the same value, so one computation per pattern.
    if (N < 3) return estimate({ value, n: N, method: ALPHA_METHOD });
    const left = new Float64Array(sizes);
    const loo: { v: number; w: number }[] = [];
    for (let g = 0; g < sizes.length; g++) {
      left[g] = sizes[g] - 1;
      const v = nominalAlpha(entries, left, cats.length);
      left[g] = sizes[g];
      if (v === null) return estimate({ value, n: N, method: ALPHA_METHOD });
      loo.push({ v, w: sizes[g] });
    }
    const mean = loo.reduce((s, x) => s + x.w * x.v, 0) / N;
    const se = Math.sqrt(((N - 1) / N) * loo.reduce((s, x) => s + x.w * (x.v - mean) ** 2, 0));
    return estimate({ value, se, ci: waldInterval(value, se), n: N, method: `${ALPHA_METHOD}; 95 % CI: α ± 1.96·SE, SE by the jackknife over items` });
  }
  let boot: { ci: [number, number]; se: number; used: number } | null = null;
  if (options.bootstrap !== false && N >= 2) {
    const replicates = options.bootstrap?.replicates ?? DEFAULT_REPLICATES;
    const random = seededRandom(options.bootstrap?.seed ?? DEFAULT_SEED);
    const draw = new Float64Array(sizes.length);
    const values: number[] = [];
    for (let b = 0; b < replicates; b++) {
      const v = nominalAlpha(entries, multinomial(N, sizes, random, draw), cats.length);
      if (v !== null && Number.isFinite(v)) values.push(v);
    }
    if (values.length >= Math.max(2, replicates / 2)) {
      values.sort((x, y) => x - y);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const se = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
      boot = { ci: [quantileSorted(values, 0.025), quantileSorted(values, 0.975)], se, used: values.length };
    }
  }
  return estimate({
    value,
    se: boot?.se,
    ci: boot?.ci,
    n: N,
    method: ALPHA_METHOD + (boot ? `; 95 % CI: percentile bootstrap over items (${boot.used} multinomial resamples, fixed seed)` : ""),
  });
}
