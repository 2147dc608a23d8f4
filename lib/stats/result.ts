// The one result shape every agreement statistic returns: a finite estimate, or a plain "not defined" with the
// reason, so the dashboard shows a sentence instead of NaN. Pure: no database.

/** Why a statistic has no value for these data. */
export type NotDefinedReason =
  | "no items" // nothing rated at all
  | "a single rater" // only one rater (or one rating per item) in the data
  | "no overlap" // several raters, but no item rated by two of them
  | "one category only" // every rating is the same value: chance agreement is 1, so kappa/alpha is 0/0
  | "fewer than 2 items" // the statistic or its standard error needs at least two items
  | "more than two raters" // a two-rater statistic was asked of data with more raters and none named
  | "unequal ratings per item" // Fleiss' kappa needs the same number of ratings on every item
  | "not numeric" // an interval or ratio metric was asked of non-numeric values
  | "unknown category" // a rating is not in the category list given
  | "degenerate data"; // last-resort guard: the arithmetic did not give a finite number

export interface Estimate {
  undefined?: undefined;
  value: number;
  /** Standard error; `method` says which one. */
  se?: number;
  /** Standard error under the null hypothesis "no agreement beyond chance" (the one z uses). */
  se0?: number;
  /** 95 % confidence interval; `method` says how it was made. */
  ci?: [number, number];
  /** The number of items (units) the statistic rests on. */
  n: number;
  /** z statistic of the test "no agreement beyond chance" and its two-sided p-value, where the statistic has one. */
  z?: number;
  p?: number;
  /** The formula and the standard-error or interval method, in words, for the dashboard's tooltip. */
  method: string;
}

export interface NotDefined {
  undefined: true;
  reason: NotDefinedReason;
  n: number;
}

export type Agreement = Estimate | NotDefined;

export function notDefined(reason: NotDefinedReason, n: number): NotDefined {
  return { undefined: true, reason, n };
}

export function isDefined(result: Agreement): result is Estimate {
  return result.undefined !== true;
}

/**
 * Builds an estimate, dropping parts that are not finite: a standard error of NaN becomes no standard error, and a
 * value that is not finite becomes "degenerate data". The statistics check their own edge cases first; this guard
 * only keeps a NaN from ever reaching a page.
 */
export function estimate(parts: Omit<Estimate, "undefined">): Agreement {
  if (!Number.isFinite(parts.value) || !Number.isFinite(parts.n)) return notDefined("degenerate data", parts.n || 0);
  const out: Estimate = { value: clean(parts.value), n: parts.n, method: parts.method };
  if (parts.se !== undefined && Number.isFinite(parts.se) && parts.se >= 0) out.se = parts.se;
  if (parts.se0 !== undefined && Number.isFinite(parts.se0) && parts.se0 >= 0) out.se0 = parts.se0;
  if (parts.ci && Number.isFinite(parts.ci[0]) && Number.isFinite(parts.ci[1])) out.ci = [parts.ci[0], parts.ci[1]];
  if (parts.z !== undefined && Number.isFinite(parts.z)) out.z = parts.z;
  if (parts.p !== undefined && Number.isFinite(parts.p)) out.p = parts.p;
  return out;
}

// Rounding residue such as 0.9999999999999998 for a perfect agreement is shown as 1.
function clean(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-12 ? r : x;
}
