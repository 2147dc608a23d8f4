import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff";
import { isDefined, type Agreement, type Estimate } from "./result";
import { itemsFromReliabilityMatrix } from "./tables";

function defined(result: Agreement): Estimate {
  if (!isDefined(result)) throw new Error(`expected a value, got "${result.reason}"`);
  return result;
}

// Krippendorff's reliability data: 4 observers × 12 units, with missing values (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability", and Content Analysis 4th ed. 2018, p. 290). Matrix as in the tests of R's
// icr package (staudtlex/icr, inst/tinytest/data/krippendorff-2018-p290.csv); unit 12 has a single value, so it is
// not pairable, whichever observer gave it.
const KRIPPENDORFF_2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

// Wikipedia, "Krippendorff's alpha", A computational example: 3 coders × 15 units. Matrix as in the tests of the
// `krippendorff` Python package (pln-fing-udelar/fast-krippendorff, tests/test_krippendorff.py).
const WIKIPEDIA = [
  [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
  [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
  [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
];

describe("Krippendorff's alpha", () => {
  const items = itemsFromReliabilityMatrix(KRIPPENDORFF_2011);
  const point = { bootstrap: false } as const;

  it("gives Krippendorff's published values: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797", () => {
    // Krippendorff (2011) and (2018, p. 290); the same targets are asserted by icr's test_icr.R (tolerance 0.001),
    // by jucor/krippendorff's test-nominal.R (0.743) and by fast-krippendorff's tests (ordinal 0.815, ratio 0.797).
    expect(defined(krippendorffAlpha(items, { metric: "nominal", ...point }).result).value).toBeCloseTo(0.743, 3);
    expect(defined(krippendorffAlpha(items, { metric: "ordinal", ...point }).result).value).toBeCloseTo(0.815, 3);
    expect(defined(krippendorffAlpha(items, { metric: "interval", ...point }).result).value).toBeCloseTo(0.849, 3);
    expect(defined(krippendorffAlpha(items, { metric: "ratio", ...point }).result).value).toBeCloseTo(0.797, 3);
  });

  it("rests on the 11 pairable units and their 40 values (Krippendorff's n = 40)", () => {
    const { result, pairableValues } = krippendorffAlpha(items, point);
    expect(defined(result).n).toBe(11);
    expect(pairableValues).toBe(40);
  });

  it("gives the Wikipedia example's values: nominal 0.691358, interval 0.810845", () => {
    // fast-krippendorff tests: round(alpha, 6) == 0.691358 (nominal) and 0.810845 (interval); Wikipedia: 0.691.
    const wiki = itemsFromReliabilityMatrix(WIKIPEDIA);
    expect(defined(krippendorffAlpha(wiki, { metric: "nominal", ...point }).result).value).toBeCloseTo(0.691358, 6);
    expect(defined(krippendorffAlpha(wiki, { metric: "interval", ...point }).result).value).toBeCloseTo(0.810845, 6);
  });

  it("orders ordinal values by the category list given (labels, not numbers)", () => {
    // fast-krippendorff test_string_labels_ordinal_with_domain: the 2011 data as labels, ordinal α = 0.815.
    const labels = ["very low", "low", "mid", "high", "very high"];
    const named = itemsFromReliabilityMatrix(KRIPPENDORFF_2011.map((row) => row.map((v) => (v === null ? null : labels[v - 1]))));
    const a = defined(krippendorffAlpha(named, { metric: "ordinal", categories: labels, ...point }).result);
    expect(a.value).toBeCloseTo(0.815, 3);
  });

  it("bootstraps a reproducible 95 % interval: same seed, same interval; another seed, another", () => {
    const a = defined(krippendorffAlpha(items, { metric: "nominal" }).result);
    const b = defined(krippendorffAlpha(items, { metric: "nominal" }).result);
    const c = defined(krippendorffAlpha(items, { metric: "nominal", bootstrap: { seed: 7 } }).result);
    expect(a.ci).toEqual(b.ci);
    expect(a.se).toBe(b.se);
    expect(c.ci).not.toEqual(a.ci);
    expect(a.ci![0]).toBeLessThan(a.value);
    expect(a.ci![1]).toBeGreaterThanOrEqual(a.value);
  });

  it("agrees, within Monte-Carlo error, with icr's nonparametric bootstrap of the same data", () => {
    // staudtlex/icr README: krippalpha(codings, "nominal", bootnp = TRUE), 1000 resamples of the coding units:
    // SE 0.139, 2.5 % 0.435, 97.5 % 1.00. Another generator, so only close, not equal: ±0.03 on the SE, ±0.06 on
    // the lower limit.
    const a = defined(krippendorffAlpha(items, { metric: "nominal" }).result);
    expect(Math.abs(a.se! - 0.139)).toBeLessThan(0.03);
    expect(Math.abs(a.ci![0] - 0.435)).toBeLessThan(0.06);
    expect(a.ci![1]).toBeCloseTo(1, 6);
  });

  it("says why it has no value: one value only, a single rater, no overlap, no items, words on an interval scale", () => {
    const same = itemsFromReliabilityMatrix([[2, 2, 2], [2, 2, 2]]);
    expect(krippendorffAlpha(same).result).toEqual({ undefined: true, reason: "one category only", n: 3 });
    const single = itemsFromReliabilityMatrix([[1, 2, 3]]);
    expect(krippendorffAlpha(single).result).toEqual({ undefined: true, reason: "a single rater", n: 0 });
    const apart = itemsFromReliabilityMatrix([[1, 2, null, null], [null, null, 1, 2]]);
    expect(krippendorffAlpha(apart).result).toEqual({ undefined: true, reason: "no overlap", n: 0 });
    expect(krippendorffAlpha([]).result).toEqual({ undefined: true, reason: "no items", n: 0 });
    const words = itemsFromReliabilityMatrix([["a", "b"], ["a", "a"]]);
    expect(krippendorffAlpha(words, { metric: "interval" }).result).toEqual({ undefined: true, reason: "not numeric", n: 2 });
  });
});
