import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, fleissFromCounts, kappaFromTable, weightedKappa } from "./kappa";
import { isDefined, type Agreement, type Estimate } from "./result";
import type { RatedItem } from "./tables";

function defined(result: Agreement): Estimate {
  if (!isDefined(result)) throw new Error(`expected a value, got "${result.reason}"`);
  return result;
}

/** Items from a two-rater contingency table (rows: rater A's category, columns: rater B's). */
function itemsFromTable(categories: (string | number)[], counts: number[][]): RatedItem[] {
  const items: RatedItem[] = [];
  counts.forEach((row, i) =>
    row.forEach((c, j) => {
      for (let t = 0; t < c; t++) items.push({ itemId: `i${items.length}`, ratings: { A: categories[i], B: categories[j] } });
    }),
  );
  return items;
}

describe("Cohen's kappa", () => {
  it("reproduces the Wikipedia 'Cohen's kappa' simple example: 50 grant applications, κ = 0.40", () => {
    // Wikipedia, "Cohen's kappa", Examples: readers A and B, 20 yes/yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no/no.
    // p_o = (20 + 15)/50 = 0.7; p_yes = 0.5 · 0.6 = 0.3, p_no = 0.5 · 0.4 = 0.2, p_e = 0.5; κ = 0.2/0.5 = 0.4.
    const items = itemsFromTable(["yes", "no"], [
      [20, 5],
      [10, 15],
    ]);
    const k = defined(cohenKappa(items));
    expect(k.n).toBe(50);
    expect(k.value).toBeCloseTo(0.4, 12);
  });

  it("reproduces the Wikipedia 'same agreement, different kappa' pair: κ ≈ 0.1304 and 0.2593 at 60 % agreement", () => {
    // Wikipedia, "Cohen's kappa", "Same percentages but different numbers": both tables agree on 60 of 100.
    // First: 45 yes/yes, 15 yes/no, 25 no/yes, 15 no/no → p_e = 0.6·0.7 + 0.4·0.3 = 0.54, κ = 0.06/0.46 ≈ 0.1304.
    // Second: 25 yes/yes, 35 yes/no, 5 no/yes, 35 no/no → p_e = 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14/0.54 ≈ 0.2593.
    const first = defined(kappaFromTable([[45, 15], [25, 15]]));
    const second = defined(kappaFromTable([[25, 35], [5, 35]]));
    expect(first.value).toBeCloseTo(0.1304, 4);
    expect(second.value).toBeCloseTo(0.2593, 4);
    expect(first.n).toBe(100);
  });

  it("matches SAS PROC FREQ on a 3 × 3 table: κ, ASE, 95 % CI, ASE under H0, z and p", () => {
    // statsmodels/stats/tests/test_inter_rater.py, class UnweightedCohens: table10 = [[0,4,1],[0,8,0],[0,1,5]]
    // compared to a SAS printout — Kappa 0.4842, ASE 0.1380, 95 % CI 0.2137–0.7547, ASE under H0 0.1484,
    // Z 3.2626, two-sided Pr > |Z| 0.0011.
    const k = defined(kappaFromTable([[0, 4, 1], [0, 8, 0], [0, 1, 5]]));
    expect(k.value).toBeCloseTo(0.4842, 4);
    expect(k.se).toBeCloseTo(0.138, 4);
    expect(k.ci?.[0]).toBeCloseTo(0.2137, 4);
    expect(k.ci?.[1]).toBeCloseTo(0.7547, 4);
    expect(k.se0).toBeCloseTo(0.1484, 4);
    expect(k.z).toBeCloseTo(3.2626, 4);
    expect(k.p).toBeCloseTo(0.0011, 4);
    expect(k.n).toBe(19);
  });

  it("is 1 with a zero-width interval when the raters agree on every item", () => {
    const k = defined(kappaFromTable([[7, 0], [0, 5]]));
    expect(k.value).toBe(1);
    expect(k.se).toBe(0);
    expect(k.ci).toEqual([1, 1]);
  });

  it("uses the two named raters when the data have more", () => {
    const items: RatedItem[] = [
      { itemId: "1", ratings: { A: "x", B: "x", C: "y" } },
      { itemId: "2", ratings: { A: "y", B: "y", C: "y" } },
      { itemId: "3", ratings: { A: "x", B: "y", C: "x" } },
    ];
    expect(cohenKappa(items)).toEqual({ undefined: true, reason: "more than two raters", n: 3 });
    expect(defined(cohenKappa(items, { raters: ["A", "B"] })).n).toBe(3);
  });
});

describe("weighted kappa", () => {
  it("matches SAS PROC FREQ's weighted kappa (linear, Cicchetti–Allison weights) on the same 3 × 3 table", () => {
    // statsmodels/stats/tests/test_inter_rater.py, class TestWeightedCohens: cohens_kappa(table10, weights=[0,1,2])
    // against SAS — Weighted Kappa 0.4701, ASE 0.1457, 95 % CI 0.1845–0.7558, ASE under H0 0.1426, Z 3.2971,
    // two-sided Pr > |Z| 0.0010.
    const k = defined(kappaFromTable([[0, 4, 1], [0, 8, 0], [0, 1, 5]], "linear"));
    expect(k.value).toBeCloseTo(0.4701, 4);
    expect(k.se).toBeCloseTo(0.1457, 4);
    expect(k.ci?.[0]).toBeCloseTo(0.1845, 4);
    expect(k.ci?.[1]).toBeCloseTo(0.7558, 4);
    expect(k.se0).toBeCloseTo(0.1426, 4);
    expect(k.z).toBeCloseTo(3.2971, 4);
    expect(k.p).toBeCloseTo(0.001, 4);
  });

  // R irr's `anxiety` data (20 subjects, raters 2 and 3), as printed in statsmodels' test_inter_rater.py
  // (anxiety = [...].reshape(20, 3, order='F')). irr::kappa2 weighs by position among the levels used
  // (1, 2, 3, 4, 6), so those are the categories here.
  const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
  const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
  const anxiety: RatedItem[] = rater2.map((v, i) => ({ itemId: `s${i + 1}`, ratings: { rater2: v, rater3: rater3[i] } }));
  const levels = [1, 2, 3, 4, 6];

  it("matches R irr::kappa2(anxiety[,2:3], 'equal'): κ = 0.1459075, z = 1.282472, p = 0.1996772", () => {
    // statsmodels test_cohens_kappa_irr, ck_w2 (values printed from R).
    const k = defined(weightedKappa(anxiety, "linear", { categories: levels }));
    expect(k.value).toBeCloseTo(0.1459075, 6);
    expect(k.z).toBeCloseTo(1.282472, 5);
    expect(k.p).toBeCloseTo(0.1996772, 6);
    expect(k.n).toBe(20);
  });

  it("matches R irr::kappa2(anxiety[,2:3], 'squared'): κ = 0.2520325, z = 1.437451, p = 0.1505898", () => {
    // statsmodels test_cohens_kappa_irr, ck_w3 (values printed from R).
    const k = defined(weightedKappa(anxiety, "quadratic", { categories: levels }));
    expect(k.value).toBeCloseTo(0.2520325, 6);
    expect(k.z).toBeCloseTo(1.437451, 5);
    expect(k.p).toBeCloseTo(0.1505898, 6);
  });

  it("matches R irr::kappa2(anxiety[,2:3]) unweighted: κ = −0.006289308, z = −0.0604067", () => {
    // statsmodels test_cohens_kappa_irr, ck_w1.
    const k = defined(cohenKappa(anxiety, { categories: levels }));
    expect(k.value).toBeCloseTo(-0.006289308, 8);
    expect(k.z).toBeCloseTo(-0.0604067, 6);
  });

  it("weighs by the whole scale given, not by the scores that happened to be used", () => {
    // Scores 1, 2 and 5 only: on the rubric scale 1–5 they are not evenly spaced, among themselves they would be.
    const items: RatedItem[] = [
      { itemId: "a", ratings: { A: 1, B: 2 } },
      { itemId: "b", ratings: { A: 2, B: 2 } },
      { itemId: "c", ratings: { A: 5, B: 2 } },
      { itemId: "d", ratings: { A: 5, B: 5 } },
      { itemId: "e", ratings: { A: 1, B: 1 } },
      { itemId: "f", ratings: { A: 2, B: 5 } },
    ];
    const used = defined(weightedKappa(items, "linear"));
    const scale = defined(weightedKappa(items, "linear", { categories: [1, 2, 3, 4, 5] }));
    expect(scale.value).not.toBeCloseTo(used.value, 3);
  });
});

describe("Fleiss' kappa", () => {
  it("reproduces the Wikipedia 'Fleiss' kappa' worked example: 10 subjects, 14 raters, κ ≈ 0.210", () => {
    // Wikipedia, "Fleiss' kappa", Worked example (the table is in statsmodels test_inter_rater.py, table0/table1,
    // whose test asserts kappa_wp = 0.210): P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const k = fleissFromCounts(table);
    expect(isDefined(k)).toBe(true);
    expect(k.pBar).toBeCloseTo(0.378, 3);
    expect(k.pBarE).toBeCloseTo(0.213, 3);
    expect(defined(k).value).toBeCloseTo(0.21, 3);
    expect(defined(k).n).toBe(10);
  });

  it("reproduces R irr::kappam.fleiss(diagnoses): κ = 0.4302445, z = 17.65183 (Fleiss 1971, 30 patients, 6 raters)", () => {
    // Fleiss (1971) Table 1 as R irr ships it (data(diagnoses)); copied from statsmodels test_inter_rater.py
    // (`diagnoses`), whose test_fleiss_kappa_irr records irr's output: value 0.4302445, z 17.65183.
    // Levels: 1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other.
    const diagnoses = [
      [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
      [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
      [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
      [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
      [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
      [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ];
    const items: RatedItem[] = diagnoses.map((row, i) => ({
      itemId: `patient${i + 1}`,
      ratings: Object.fromEntries(row.map((v, r) => [`rater${r + 1}`, v])),
    }));
    const k = defined(fleissKappa(items));
    expect(k.value).toBeCloseTo(0.4302445, 7);
    expect(k.z).toBeCloseTo(17.65183, 4);
    expect(k.se).toBeCloseTo(0.4302445 / 17.65183, 6);
    expect(k.n).toBe(30);
    // statsmodels test_aggregate_raters: column sums of the count matrix are 26, 26, 30, 55, 43.
    const sums = [1, 2, 3, 4, 5].map((c) => diagnoses.flat().filter((v) => v === c).length);
    expect(sums).toEqual([26, 26, 30, 55, 43]);
  });

  it("needs the same number of ratings on every item, or keeps only the items with the number asked for", () => {
    const items: RatedItem[] = [
      { itemId: "1", ratings: { A: "x", B: "x", C: "x" } },
      { itemId: "2", ratings: { A: "y", B: "y", C: "x" } },
      { itemId: "3", ratings: { A: "y", B: "y" } },
      { itemId: "4", ratings: { A: "y", B: "x", C: "y" } },
    ];
    expect(fleissKappa(items)).toEqual({ undefined: true, reason: "unequal ratings per item", n: 4 });
    expect(defined(fleissKappa(items, { ratingsPerItem: 3 })).n).toBe(3);
  });
});
