// Krippendorff's alpha for any number of raters with missing ratings, by the coincidence-matrix method of
// Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability"): α = 1 − D_o / D_e with
//   o_ck = Σ_u (pairs of values c, k from different raters in unit u) / (m_u − 1),   n_c = Σ_k o_ck,
//   D_o = Σ o_ck δ²_ck / n,   D_e = Σ n_c n_k δ²_ck / (n (n − 1)).
// Only units with two or more ratings ("pairable") count. The 95 % interval is a percentile bootstrap that
// resamples those units with replacement (1000 resamples, fixed seed, so the dashboard shows the same interval on
// every load); `se` is the standard deviation of the resamples. Pure: no database.

import { percentileBootstrap, type BootstrapOptions } from "./ci";
import { estimate, notDefined, type Agreement } from "./result";
import { compareCategories, ratersOf, valuesOf, type Category, type RatedItem } from "./tables";

export type AlphaMetric = "nominal" | "ordinal" | "interval" | "ratio";

export interface AlphaOptions {
  metric?: AlphaMetric;
  /** The value order for the ordinal metric (default: numbers ascending, then strings). */
  categories?: readonly Category[];
  /** Bootstrap settings, or false for the point estimate only. */
  bootstrap?: BootstrapOptions | false;
}

export interface AlphaResult {
  result: Agreement;
  /** Ratings in pairable units (Krippendorff's n). */
  pairableValues: number;
}

interface Unit {
  /** (c, k, weight) entries of the unit's contribution to the coincidence matrix. */
  entries: [number, number, number][];
}

/** A unit's contribution to the coincidence matrix: each ordered pair of its values, weighted 1 / (m_u − 1). */
function unitEntries(values: readonly number[]): Unit {
  const tally = new Map<number, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  const m = values.length;
  const entries: [number, number, number][] = [];
  for (const [c, nc] of tally)
    for (const [k, nk] of tally) {
      const pairs = c === k ? nc * (nc - 1) : nc * nk;
      if (pairs > 0) entries.push([c, k, pairs / (m - 1)]);
    }
  return { entries };
}

/** δ² for every pair of value indices, given the marginals n_c (the ordinal metric depends on them). */
function distances(metric: AlphaMetric, values: readonly Category[], nc: readonly number[]): number[][] {
  const V = values.length;
  const d = Array.from({ length: V }, () => new Array<number>(V).fill(0));
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      if (metric === "nominal") d[c][k] = 1;
      else if (metric === "ordinal") {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g];
        d[c][k] = (s - (nc[c] + nc[k]) / 2) ** 2;
      } else {
        const a = values[c] as number;
        const b = values[k] as number;
        d[c][k] = metric === "interval" ? (a - b) ** 2 : a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
      }
    }
  return d;
}

/** α of a coincidence matrix, or null when there is no expected disagreement (one value only). */
function alphaOf(o: readonly (readonly number[])[], metric: AlphaMetric, values: readonly Category[]): number | null {
  const V = values.length;
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  if (n < 2) return null;
  const d = distances(metric, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++)
    for (let k = 0; k < V; k++) {
      observed += o[c][k] * d[c][k];
      expected += nc[c] * nc[k] * d[c][k];
    }
  // α = 1 − (n − 1) Σ o δ² / Σ n_c n_k δ²
  if (expected <= 1e-12 * n * n) return null;
  return 1 - ((n - 1) * observed) / expected;
}

const METHOD: Record<AlphaMetric, string> = {
  nominal: "Krippendorff's alpha, nominal metric (coincidence matrix, Krippendorff 2011)",
  ordinal: "Krippendorff's alpha, ordinal metric (coincidence matrix, Krippendorff 2011)",
  interval: "Krippendorff's alpha, interval metric (coincidence matrix, Krippendorff 2011)",
  ratio: "Krippendorff's alpha, ratio metric (coincidence matrix, Krippendorff 2011)",
};

/** Krippendorff's alpha of rated items; n is the number of pairable items. */
export function krippendorffAlpha(items: readonly RatedItem[], options: AlphaOptions = {}): AlphaResult {
  const metric = options.metric ?? "nominal";
  const none = (result: Agreement): AlphaResult => ({ result, pairableValues: 0 });
  if (items.length === 0) return none(notDefined("no items", 0));
  const rated = items.map(valuesOf).filter((v) => v.length > 0);
  if (rated.length === 0) return none(notDefined("no items", 0));
  const pairable = rated.filter((v) => v.length >= 2);
  if (pairable.length === 0)
    return none(notDefined(ratersOf(items).length <= 1 ? "a single rater" : "no overlap", 0));

  const used = new Set<Category>(pairable.flat());
  const values = options.categories ? [...options.categories] : [...used].sort(compareCategories);
  const index = new Map(values.map((v, i) => [v, i] as const));
  if ([...used].some((v) => !index.has(v))) return none(notDefined("unknown category", pairable.length));
  if ((metric === "interval" || metric === "ratio") && values.some((v) => typeof v !== "number"))
    return none(notDefined("not numeric", pairable.length));

  const V = values.length;
  const units = pairable.map((vs) => unitEntries(vs.map((v) => index.get(v) as number)));
  const pairableValues = pairable.reduce((s, v) => s + v.length, 0);

  const coincidences = (weightOf: (u: number) => number): number[][] => {
    const o = Array.from({ length: V }, () => new Array<number>(V).fill(0));
    units.forEach((unit, u) => {
      const times = weightOf(u);
      if (times === 0) return;
      for (const [c, k, w] of unit.entries) o[c][k] += w * times;
    });
    return o;
  };

  const value = alphaOf(coincidences(() => 1), metric, values);
  if (value === null) return { result: notDefined("one category only", pairable.length), pairableValues };

  const boot =
    options.bootstrap === false || units.length < 2
      ? null
      : percentileBootstrap(units.length, (counts) => alphaOf(coincidences((u) => counts[u]), metric, values), options.bootstrap ?? {});
  const result = estimate({
    value,
    se: boot?.se,
    ci: boot?.ci,
    n: pairable.length,
    method:
      METHOD[metric] +
      (boot ? `; 95 % CI: percentile bootstrap over items (${boot.used} resamples with a value, fixed seed)` : ""),
  });
  return { result, pairableValues };
}
