import { describe, expect, it } from "vitest";
import {
  cohenKappa,
  fleissKappa,
  itemsFromReliabilityMatrix,
  krippendorffAlpha,
  percentAgreement,
  summarizeAgreement,
  weightedKappa,
  isDefined,
  type Agreement,
  type RatedItem,
} from "./agreement";
import { seededRandom } from "@/lib/random";

/** Every statistic of the module on the same items (two-rater ones on the first two raters when there are more). */
function everyStatistic(items: RatedItem[]): Record<string, Agreement> {
  const raters = [...new Set(items.flatMap((i) => Object.keys(i.ratings)))].sort();
  const pair: [string, string] | undefined = raters.length >= 2 ? [raters[0], raters[1]] : undefined;
  const out: Record<string, Agreement> = {
    percent: percentAgreement(items),
    cohen: cohenKappa(items, pair ? { raters: pair } : {}),
    fleiss: fleissKappa(items),
  };
  const numeric = items.every((i) => Object.values(i.ratings).every((v) => v === null || v === undefined || typeof v === "number"));
  if (numeric) {
    out.linear = weightedKappa(items, "linear", pair ? { raters: pair, categories: [1, 2, 3, 4, 5] } : { categories: [1, 2, 3, 4, 5] });
    out.quadratic = weightedKappa(items, "quadratic", pair ? { raters: pair, categories: [1, 2, 3, 4, 5] } : { categories: [1, 2, 3, 4, 5] });
  }
  for (const metric of numeric ? (["nominal", "ordinal", "interval", "ratio"] as const) : (["nominal"] as const))
    out[`alpha_${metric}`] = krippendorffAlpha(items, { metric, bootstrap: { replicates: 200 } }).result;
  return out;
}

function reasons(results: Record<string, Agreement>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([k, r]) => [k, isDefined(r) ? "value" : r.reason]));
}

describe("percent agreement", () => {
  it("is Fleiss's P̄ = 0.378 on the Wikipedia 'Fleiss' kappa' example", () => {
    // Wikipedia, "Fleiss' kappa", Worked example: P̄ = 0.378 (14 raters × 10 subjects, 5 categories).
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const items: RatedItem[] = table.map((row, i) => {
      const values = row.flatMap((c, j) => Array.from({ length: c }, () => j + 1));
      return { itemId: `s${i + 1}`, ratings: Object.fromEntries(values.map((v, r) => [`p${r + 1}`, v])) };
    });
    const p = percentAgreement(items);
    expect(isDefined(p) && p.value).toBeCloseTo(0.378, 3);
  });

  it("is the share of items two raters scored alike: 35 of 50 in the Wikipedia Cohen example", () => {
    const items: RatedItem[] = [];
    const cells: [string, string, number][] = [["yes", "yes", 20], ["yes", "no", 5], ["no", "yes", 10], ["no", "no", 15]];
    for (const [a, b, c] of cells) for (let t = 0; t < c; t++) items.push({ itemId: `${items.length}`, ratings: { A: a, B: b } });
    const p = percentAgreement(items);
    expect(isDefined(p) && p.value).toBeCloseTo(0.7, 12);
    expect(p.n).toBe(50);
  });
});

describe("edge cases: 'not defined' with the reason, never NaN", () => {
  it("one category only: kappa and alpha are not defined, percent agreement is 1", () => {
    const items = itemsFromReliabilityMatrix([[3, 3, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3]]);
    const r = reasons(everyStatistic(items));
    expect(r).toEqual({
      percent: "value",
      cohen: "one category only",
      fleiss: "one category only",
      linear: "one category only",
      quadratic: "one category only",
      alpha_nominal: "one category only",
      alpha_ordinal: "one category only",
      alpha_interval: "one category only",
      alpha_ratio: "one category only",
    });
    const p = percentAgreement(items);
    expect(isDefined(p) && p.value).toBe(1);
  });

  it("a single rater", () => {
    const items = itemsFromReliabilityMatrix([[1, 2, 3, 4]]);
    const all = everyStatistic(items);
    expect(new Set(Object.values(reasons(all)))).toEqual(new Set(["a single rater"]));
    expect(cohenKappa(items)).toEqual({ undefined: true, reason: "a single rater", n: 4 });
  });

  it("no overlap: two raters who never rated the same item", () => {
    const items = itemsFromReliabilityMatrix([[1, 2, 3, null, null, null], [null, null, null, 1, 2, 3]]);
    expect(new Set(Object.values(reasons(everyStatistic(items))))).toEqual(new Set(["no overlap"]));
  });

  it("no items", () => {
    expect(new Set(Object.values(reasons(everyStatistic([]))))).toEqual(new Set(["no items"]));
    const unrated: RatedItem[] = [{ itemId: "a", ratings: { A: null } }];
    expect(new Set(Object.values(reasons(everyStatistic(unrated))))).toEqual(new Set(["no items"]));
  });

  it("kappa on one shared item: fewer than 2 items", () => {
    const items: RatedItem[] = [
      { itemId: "a", ratings: { A: "x", B: "y" } },
      { itemId: "b", ratings: { A: "x" } },
    ];
    expect(cohenKappa(items)).toEqual({ undefined: true, reason: "fewer than 2 items", n: 1 });
  });

  it("a rating outside the categories given", () => {
    const items: RatedItem[] = [
      { itemId: "a", ratings: { A: 1, B: 6 } },
      { itemId: "b", ratings: { A: 2, B: 2 } },
    ];
    expect(weightedKappa(items, "linear", { categories: [1, 2, 3, 4, 5] })).toEqual({ undefined: true, reason: "unknown category", n: 2 });
    expect(krippendorffAlpha(items, { metric: "ordinal", categories: [1, 2, 3, 4, 5] }).result.undefined).toBe(true);
  });
});

/** Every number anywhere in a value, with its path. */
function numbersIn(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbersIn(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => numbersIn(v, `${path}.${k}`));
  return [];
}

describe("every output is finite", () => {
  it("scans every statistic over edge cases and 300 random data sets: no NaN, no Infinity anywhere", () => {
    const random = seededRandom(42);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const cases: RatedItem[][] = [
      [],
      [{ itemId: "a", ratings: {} }],
      itemsFromReliabilityMatrix([[1]]),
      itemsFromReliabilityMatrix([[1], [2]]),
      itemsFromReliabilityMatrix([[1], [1]]),
      itemsFromReliabilityMatrix([[1, 2], [2, 1]]),
      itemsFromReliabilityMatrix([[1, 1, 1], [1, 1, 2]]),
      itemsFromReliabilityMatrix([[5, 5, 5, 5], [5, 5, 5, 5]]),
      itemsFromReliabilityMatrix([[1, 5, 1, 5], [5, 1, 5, 1]]),
      itemsFromReliabilityMatrix([[1, 2, 3, 4, 5], [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]),
      itemsFromReliabilityMatrix([["a", "b", null], [null, "b", "a"], ["a", null, "a"]]),
    ];
    for (let t = 0; t < 300; t++) {
      const raters = 1 + Math.floor(random() * 5);
      const units = Math.floor(random() * 12);
      const scale = pick([[1, 2, 3, 4, 5], [1, 2], [3], [1, 5]]);
      const missing = pick([0, 0.2, 0.6]);
      const rows = Array.from({ length: raters }, () =>
        Array.from({ length: units }, () => (random() < missing ? null : pick(scale))),
      );
      cases.push(itemsFromReliabilityMatrix(rows));
    }
    const offenders: string[] = [];
    let definedCount = 0;
    for (const [c, items] of cases.entries()) {
      const results = everyStatistic(items);
      const summary = summarizeAgreement(items, { scale: "ordinal", categories: [1, 2, 3, 4, 5], bootstrap: { replicates: 100 } });
      for (const [path, x] of [...numbersIn(results), ...numbersIn(summary)]) if (!Number.isFinite(x)) offenders.push(`case ${c} ${path} = ${x}`);
      for (const r of Object.values(results)) {
        if (isDefined(r)) definedCount++;
        else expect(r.reason).not.toBe("degenerate data");
      }
    }
    expect(offenders).toEqual([]);
    // The scan must have looked at real estimates too, not only at "not defined".
    expect(definedCount).toBeGreaterThan(500);
  });
});

describe("summary for the dashboard", () => {
  it("gives the nominal statistics for categories and adds the ordinal ones for rubric scores", () => {
    const items = itemsFromReliabilityMatrix([[1, 2, 3, 3, 2, 1, 4, 1, 2], [1, 2, 3, 3, 2, 2, 4, 1, 2]]);
    const nominal = summarizeAgreement(items, { scale: "nominal", bootstrap: false });
    expect(nominal.weightedKappaLinear).toBeUndefined();
    expect(nominal.raters).toBe(2);
    const ordinal = summarizeAgreement(items, { scale: "ordinal", categories: [1, 2, 3, 4, 5], bootstrap: false });
    for (const r of [ordinal.cohenKappa, ordinal.weightedKappaLinear!, ordinal.weightedKappaQuadratic!, ordinal.fleissKappa, ordinal.alphaOrdinal!])
      expect(isDefined(r)).toBe(true);
    expect(ordinal.cohenKappa.n).toBe(9);
  });
});
