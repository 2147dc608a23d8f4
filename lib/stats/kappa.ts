// Cohen's kappa (two raters, nominal), weighted kappa (two raters, ordinal: linear or quadratic weights) and
// Fleiss' kappa (a fixed number of ratings per item, any raters). Pure: no database.
//
// Standard errors:
// - Cohen's and weighted kappa: the large-sample (asymptotic) standard error of Fleiss, Cohen & Everitt (1969),
//   the "ASE" SAS PROC FREQ prints; the 95 % interval is kappa ± 1.96 ASE, cut to [-1, 1]. z and p test kappa = 0
//   with the standard error under that null hypothesis (same paper).
// - Fleiss' kappa: the standard error under the null hypothesis kappa = 0 of Fleiss, Nee & Landis (1979), the
//   one R's irr::kappam.fleiss uses for its z; the interval kappa ± 1.96 SE0 is therefore an approximation that
//   is best near kappa = 0 (there is no closed-form non-null SE for Fleiss' kappa).

import { twoSidedP, waldInterval } from "./ci";
import { estimate, notDefined, type Agreement } from "./result";
import { pairTable, countMatrix, ratersOf, type Category, type PairTable, type RatedItem } from "./tables";

export type KappaWeights = "none" | "linear" | "quadratic";

/**
 * Agreement weights by position in the category list (1 on the diagonal): linear 1 − |i−j|/(k−1) (Cicchetti–
 * Allison, SAS's default), quadratic 1 − (i−j)²/(k−1)² (Fleiss–Cohen).
 */
export function agreementWeights(k: number, weights: KappaWeights): number[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      if (i === j) return 1;
      if (weights === "none" || k < 2) return 0;
      const d = Math.abs(i - j) / (k - 1);
      return weights === "linear" ? 1 - d : 1 - d * d;
    }),
  );
}

const METHOD: Record<KappaWeights, string> = {
  none: "Cohen's kappa (1960); SE: asymptotic ASE of Fleiss, Cohen & Everitt (1969); 95 % CI = κ ± 1.96·ASE",
  linear:
    "Weighted kappa, linear weights (Cohen 1968); SE: asymptotic ASE of Fleiss, Cohen & Everitt (1969); 95 % CI = κ ± 1.96·ASE",
  quadratic:
    "Weighted kappa, quadratic weights (Fleiss & Cohen 1973); SE: asymptotic ASE of Fleiss, Cohen & Everitt (1969); 95 % CI = κ ± 1.96·ASE",
};

/** Cohen's kappa (weights "none") or weighted kappa of a two-rater contingency table (rows: rater A). */
export function kappaFromTable(counts: readonly (readonly number[])[], weights: KappaWeights = "none"): Agreement {
  const k = counts.length;
  const n = counts.reduce((s, row) => s + row.reduce((t, c) => t + c, 0), 0);
  if (n === 0) return notDefined("no overlap", 0);
  if (n < 2) return notDefined("fewer than 2 items", n);
  const w = agreementWeights(k, weights);
  const p = counts.map((row) => row.map((c) => c / n));
  const rows = p.map((row) => row.reduce((s, x) => s + x, 0));
  const cols = p[0].map((_, j) => p.reduce((s, row) => s + row[j], 0));

  let po = 0;
  let pe = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      po += w[i][j] * p[i][j];
      pe += w[i][j] * rows[i] * cols[j];
    }
  // Expected agreement 1: both raters used one and the same category (or weights make every pair agree).
  if (1 - pe < 1e-12) return notDefined("one category only", n);
  const kappa = (po - pe) / (1 - pe);

  // Fleiss, Cohen & Everitt (1969): w̄_i. = Σ_j p_.j w_ij, w̄_.j = Σ_i p_i. w_ij.
  const wRow = rows.map((_, i) => cols.reduce((s, pj, j) => s + pj * w[i][j], 0));
  const wCol = cols.map((_, j) => rows.reduce((s, pi, i) => s + pi * w[i][j], 0));
  let a = 0;
  let a0 = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      a += p[i][j] * (w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa)) ** 2;
      a0 += rows[i] * cols[j] * (w[i][j] - (wRow[i] + wCol[j])) ** 2;
    }
  const denom = n * (1 - pe) ** 2;
  const variance = Math.max(0, (a - (kappa - pe * (1 - kappa)) ** 2) / denom);
  const variance0 = Math.max(0, (a0 - pe * pe) / denom);
  const se = Math.sqrt(variance);
  const se0 = Math.sqrt(variance0);
  const z = se0 > 0 ? kappa / se0 : undefined;
  return estimate({
    value: kappa,
    se,
    se0,
    ci: waldInterval(kappa, se),
    n,
    z,
    p: z === undefined ? undefined : twoSidedP(z),
    method: METHOD[weights],
  });
}

export interface TwoRaterOptions {
  /** The two raters; without them the data must have exactly two raters. */
  raters?: [string, string];
  /** The category order (for weighted kappa, the whole scale, e.g. [1, 2, 3, 4, 5]). */
  categories?: readonly Category[];
}

/** The two raters' table, or why there is none. */
export function twoRaterTable(items: readonly RatedItem[], options: TwoRaterOptions = {}): PairTable | Agreement {
  if (items.length === 0) return notDefined("no items", 0);
  let raters = options.raters;
  if (!raters) {
    const all = ratersOf(items);
    if (all.length === 0) return notDefined("no items", 0);
    if (all.length === 1) return notDefined("a single rater", items.length);
    if (all.length > 2) return notDefined("more than two raters", items.length);
    raters = [all[0], all[1]];
  }
  if (raters[0] === raters[1]) return notDefined("a single rater", items.length);
  const table = pairTable(items, raters[0], raters[1], options.categories);
  if (!table) return notDefined("unknown category", items.length);
  if (table.n === 0) return notDefined("no overlap", 0);
  return table;
}

function isTable(x: PairTable | Agreement): x is PairTable {
  return "counts" in x;
}

/** Cohen's kappa of two raters over the items both rated. */
export function cohenKappa(items: readonly RatedItem[], options: TwoRaterOptions = {}): Agreement {
  const table = twoRaterTable(items, options);
  return isTable(table) ? kappaFromTable(table.counts, "none") : table;
}

/** Weighted kappa of two raters' ordinal scores (pass the whole scale as `categories`). */
export function weightedKappa(
  items: readonly RatedItem[],
  weights: "linear" | "quadratic",
  options: TwoRaterOptions = {},
): Agreement {
  const table = twoRaterTable(items, options);
  return isTable(table) ? kappaFromTable(table.counts, weights) : table;
}

const FLEISS_METHOD =
  "Fleiss' kappa (1971); SE under H0: κ = 0 of Fleiss, Nee & Landis (1979), as R irr::kappam.fleiss; 95 % CI = κ ± 1.96·SE0 (approximate away from 0)";

/**
 * Fleiss' kappa of an items × categories count matrix whose rows all sum to the same number of ratings m ≥ 2.
 * Also gives the observed agreement P̄ and the chance agreement P̄e of Fleiss (1971). `weights` (optional) says how
 * many items each row stands for (grouped data: the same as repeating the row that many times).
 */
export function fleissFromCounts(counts: readonly (readonly number[])[], weights?: readonly number[]): Agreement & { pBar?: number; pBarE?: number } {
  const w = (i: number) => (weights ? weights[i] : 1);
  const N = counts.reduce((s, _, i) => s + w(i), 0);
  if (N === 0) return notDefined("no items", 0);
  const m = counts[0].reduce((s, c) => s + c, 0);
  if (counts.some((row) => row.reduce((s, c) => s + c, 0) !== m)) return notDefined("unequal ratings per item", N);
  if (m < 2) return notDefined("a single rater", N);
  if (N < 2) return notDefined("fewer than 2 items", N);
  const k = counts[0].length;
  const pj = Array.from({ length: k }, (_, j) => counts.reduce((s, row, i) => s + w(i) * row[j], 0) / (N * m));
  const pBar = counts.reduce((s, row, i) => s + (w(i) * (row.reduce((t, c) => t + c * c, 0) - m)) / (m * (m - 1)), 0) / N;
  const pBarE = pj.reduce((s, x) => s + x * x, 0);
  if (1 - pBarE < 1e-12) return notDefined("one category only", N);
  const kappa = (pBar - pBarE) / (1 - pBarE);
  // Fleiss, Nee & Landis (1979): Var0 = 2 / (N m (m−1) (Σ p_j q_j)²) · [(Σ p_j q_j)² − Σ p_j q_j (q_j − p_j)].
  const pq = pj.reduce((s, p) => s + p * (1 - p), 0);
  const pqqp = pj.reduce((s, p) => s + p * (1 - p) * (1 - 2 * p), 0);
  const variance0 = (2 / (N * m * (m - 1) * pq * pq)) * (pq * pq - pqqp);
  const se0 = Math.sqrt(Math.max(0, variance0));
  const z = se0 > 0 ? kappa / se0 : undefined;
  const result = estimate({
    value: kappa,
    se: se0,
    se0,
    ci: waldInterval(kappa, se0),
    n: N,
    z,
    p: z === undefined ? undefined : twoSidedP(z),
    method: FLEISS_METHOD,
  });
  return result.undefined ? result : { ...result, pBar, pBarE };
}

export interface FleissOptions {
  categories?: readonly Category[];
  /** Use only the items with exactly this many ratings (items still in review are left out). */
  ratingsPerItem?: number;
}

/** Fleiss' kappa of items that each carry the same number of ratings. */
export function fleissKappa(items: readonly RatedItem[], options: FleissOptions = {}): Agreement {
  if (items.length === 0) return notDefined("no items", 0);
  const matrix = countMatrix(items, options.categories);
  if (!matrix) return notDefined("unknown category", items.length);
  let counts = matrix.counts;
  if (options.ratingsPerItem !== undefined)
    counts = counts.filter((row) => row.reduce((s, c) => s + c, 0) === options.ratingsPerItem);
  if (counts.length === 0) return notDefined("no items", 0);
  const raters = ratersOf(items).length;
  if (raters === 1) return notDefined("a single rater", counts.length);
  if (counts.every((row) => row.reduce((s, c) => s + c, 0) < 2)) return notDefined("no overlap", 0);
  const { pBar: _p, pBarE: _e, ...rest } = fleissFromCounts(counts);
  return rest as Agreement;
}
