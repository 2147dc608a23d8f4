// Inter-rater agreement for the admin dashboard: percent agreement, Cohen's and weighted kappa, Fleiss' kappa and
// Krippendorff's alpha over the same input (one row per item, the category each rater gave). Every statistic
// returns a finite estimate with the number of items it rests on, or "not defined" with the reason. Pure: no
// database; the dashboard's loader turns reviews into RatedItem rows and calls these.

import { estimate, notDefined, type Agreement } from "./result";
import { ratersOf, valuesOf, type Category, type RatedItem } from "./tables";
import { cohenKappa, fleissKappa, weightedKappa } from "./kappa";
import { krippendorffAlpha } from "./krippendorff";
import type { BootstrapOptions } from "./ci";

export { cohenKappa, weightedKappa, fleissKappa, kappaFromTable, fleissFromCounts, agreementWeights } from "./kappa";
export type { KappaWeights, TwoRaterOptions, FleissOptions } from "./kappa";
export { krippendorffAlpha, type AlphaMetric, type AlphaOptions, type AlphaResult } from "./krippendorff";
export { estimate, isDefined, notDefined, type Agreement, type Estimate, type NotDefined, type NotDefinedReason } from "./result";
export {
  categoriesOf,
  countMatrix,
  pairTable,
  ratersOf,
  valuesOf,
  itemsFromReliabilityMatrix,
  type Category,
  type CountMatrix,
  type PairTable,
  type RatedItem,
} from "./tables";

/**
 * Percent agreement as a proportion in [0, 1]: over the items with two or more ratings, the mean share of agreeing
 * rater pairs in the item (Fleiss's P_i). For two raters this is the share of items both rated the same.
 */
export function percentAgreement(items: readonly RatedItem[]): Agreement {
  if (items.length === 0) return notDefined("no items", 0);
  const rated = items.map(valuesOf).filter((v) => v.length > 0);
  if (rated.length === 0) return notDefined("no items", 0);
  const pairable = rated.filter((v) => v.length >= 2);
  if (pairable.length === 0) return notDefined(ratersOf(items).length <= 1 ? "a single rater" : "no overlap", 0);
  let sum = 0;
  for (const values of pairable) {
    const tally = new Map<Category, number>();
    for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
    let agreeing = 0;
    for (const c of tally.values()) agreeing += c * (c - 1);
    sum += agreeing / (values.length * (values.length - 1));
  }
  return estimate({
    value: sum / pairable.length,
    n: pairable.length,
    method: "Percent agreement: mean share of agreeing rater pairs per item",
  });
}

export interface AgreementSummaryOptions {
  /** "ordinal" adds weighted kappa and the ordinal and interval alphas (rubric scores). */
  scale: "nominal" | "ordinal";
  /** The whole scale (e.g. [1, 2, 3, 4, 5]) or category list, so weights do not depend on the scores used. */
  categories?: readonly Category[];
  bootstrap?: BootstrapOptions | false;
}

export interface AgreementSummary {
  raters: number;
  items: number;
  percentAgreement: Agreement;
  /** Two-rater statistics: only when the data have exactly two raters. */
  cohenKappa: Agreement;
  weightedKappaLinear?: Agreement;
  weightedKappaQuadratic?: Agreement;
  fleissKappa: Agreement;
  alphaNominal: Agreement;
  alphaOrdinal?: Agreement;
  alphaInterval?: Agreement;
}

/** Every statistic that applies to the data, for one dashboard panel. */
export function summarizeAgreement(items: readonly RatedItem[], options: AgreementSummaryOptions): AgreementSummary {
  const { categories, bootstrap } = options;
  const summary: AgreementSummary = {
    raters: ratersOf(items).length,
    items: items.length,
    percentAgreement: percentAgreement(items),
    cohenKappa: cohenKappa(items, { categories }),
    fleissKappa: fleissKappa(items, { categories }),
    alphaNominal: krippendorffAlpha(items, { metric: "nominal", categories, bootstrap }).result,
  };
  if (options.scale === "ordinal") {
    summary.weightedKappaLinear = weightedKappa(items, "linear", { categories });
    summary.weightedKappaQuadratic = weightedKappa(items, "quadratic", { categories });
    summary.alphaOrdinal = krippendorffAlpha(items, { metric: "ordinal", categories, bootstrap }).result;
    summary.alphaInterval = krippendorffAlpha(items, { metric: "interval", categories, bootstrap }).result;
  }
  return summary;
}
