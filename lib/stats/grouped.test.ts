import { describe, expect, it } from "vitest";
import { seededRandom } from "@/lib/random";
import { fleissKappa, krippendorffAlpha, percentAgreement } from "./agreement";
import { alphaFromGroups, binomial, fleissFromGroups, multinomial, percentAgreementFromGroups, type UnitGroup } from "./grouped";
import { isDefined, type Agreement, type Estimate } from "./result";
import { itemsFromReliabilityMatrix, valuesOf, type RatedItem } from "./tables";

function defined(result: Agreement): Estimate {
  if (!isDefined(result)) throw new Error(`expected a value, got "${result.reason}"`);
  return result;
}

/** The same units, grouped by their pattern of ratings (what the dashboard's rollups keep). */
function group(items: RatedItem[]): UnitGroup[] {
  const byKey = new Map<string, UnitGroup>();
  for (const it of items) {
    const values = valuesOf(it).map(String).sort();
    const key = values.join(",");
    const g = byKey.get(key) ?? { values, units: 0 };
    g.units++;
    byKey.set(key, g);
  }
  return [...byKey.values()];
}

// Fleiss (1971) Table 1, as R irr ships it (data(diagnoses)); see kappa.test.ts for the source.
const diagnoses = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];
const diagnosisItems: RatedItem[] = diagnoses.map((row, i) => ({ itemId: `p${i}`, ratings: Object.fromEntries(row.map((v, r) => [`r${r}`, String(v)])) }));

describe("agreement from grouped units", () => {
  it("Fleiss' kappa of the grouped diagnoses data is R irr's 0.4302445 (z 17.65183), as on the 30 rows", () => {
    const groups = group(diagnosisItems);
    expect(groups.length).toBeLessThan(30); // some patients share a pattern: the grouping does something
    const k = defined(fleissFromGroups(groups, 6, ["1", "2", "3", "4", "5"]));
    expect(k.value).toBeCloseTo(0.4302445, 7);
    expect(k.z).toBeCloseTo(17.65183, 4);
    expect(k.n).toBe(30);
    const rows = defined(fleissKappa(diagnosisItems));
    expect(k.ci![0]).toBeCloseTo(rows.ci![0], 12);
    expect(k.ci![1]).toBeCloseTo(rows.ci![1], 12);
  });

  it("nominal alpha and percent agreement of Krippendorff's (2011) reliability data grouped: 0.743, as ungrouped", () => {
    const KRIPPENDORFF_2011 = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const items = itemsFromReliabilityMatrix(KRIPPENDORFF_2011);
    const a = defined(alphaFromGroups(group(items), { bootstrap: false }));
    expect(a.value).toBeCloseTo(0.743, 3);
    expect(a.value).toBeCloseTo(defined(krippendorffAlpha(items, { metric: "nominal", bootstrap: false }).result).value, 12);
    expect(a.n).toBe(11); // unit 12 has one value only
    expect(defined(percentAgreementFromGroups(group(items))).value).toBeCloseTo(defined(percentAgreement(items)).value, 12);
  });

  it("gives alpha a bootstrap interval that holds the estimate, the same on every call", () => {
    const a = defined(alphaFromGroups(group(diagnosisItems)));
    const b = defined(alphaFromGroups(group(diagnosisItems)));
    expect(a.ci).toEqual(b.ci);
    expect(a.ci![0]).toBeLessThan(a.value);
    expect(a.ci![1]).toBeGreaterThan(a.value);
    // The resamples spread like the per-unit bootstrap's: the two intervals' widths are close.
    const perUnit = defined(krippendorffAlpha(diagnosisItems).result);
    const width = (e: Estimate) => e.ci![1] - e.ci![0];
    expect(Math.abs(width(a) - width(perUnit)) / width(perUnit)).toBeLessThan(0.25);
  });

  it("gives alpha a jackknife interval close to the bootstrap's, from one computation per pattern", () => {
    const boot = defined(alphaFromGroups(group(diagnosisItems)));
    const jack = defined(alphaFromGroups(group(diagnosisItems), { interval: "jackknife" }));
    expect(jack.value).toBe(boot.value);
    expect(jack.ci![0]).toBeLessThan(jack.value);
    expect(jack.ci![1]).toBeGreaterThan(jack.value);
    expect(Math.abs(jack.se! - boot.se!) / boot.se!).toBeLessThan(0.3);
    // Grouped and ungrouped data give the same jackknife: leave-one-out over 30 rows by hand.
    const loo = diagnosisItems.map((_, i) => defined(krippendorffAlpha(diagnosisItems.filter((__, j) => j !== i), { bootstrap: false }).result).value);
    const mean = loo.reduce((s, v) => s + v, 0) / loo.length;
    const se = Math.sqrt(((loo.length - 1) / loo.length) * loo.reduce((s, v) => s + (v - mean) ** 2, 0));
    expect(jack.se).toBeCloseTo(se, 10);
  });

  it("draws multinomial counts that sum to n with the right means", () => {
    const random = seededRandom(7);
    const sizes = [500_000, 300_000, 200_000, 3];
    const sums = [0, 0, 0, 0];
    for (let r = 0; r < 200; r++) {
      const draw = multinomial(1_000_003, sizes, random);
      expect(draw.reduce((s, x) => s + x, 0)).toBe(1_000_003);
      draw.forEach((x, i) => (sums[i] += x / 200));
    }
    expect(sums[0] / 1_000_003).toBeCloseTo(0.5, 3);
    expect(sums[3]).toBeGreaterThan(1);
    expect(sums[3]).toBeLessThan(6);
    // Small expected counts are drawn exactly: a fair coin over 10 trials has mean 5 and variance 2.5.
    const xs = Array.from({ length: 4000 }, () => binomial(10, 0.5, random));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeCloseTo(5, 1);
    expect(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length).toBeCloseTo(2.5, 0);
  });

  it("says 'not defined' instead of NaN: no overlap, one category only, no items of the asked size", () => {
    expect(alphaFromGroups([{ values: ["accept"], units: 5 }])).toEqual({ undefined: true, reason: "no overlap", n: 0 });
    expect(alphaFromGroups([{ values: ["accept", "accept"], units: 5 }]).undefined).toBe(true);
    expect(fleissFromGroups([{ values: ["a", "b"], units: 3 }], 3)).toEqual({ undefined: true, reason: "no items", n: 0 });
    expect(percentAgreementFromGroups([])).toEqual({ undefined: true, reason: "no overlap", n: 0 });
  });
});
