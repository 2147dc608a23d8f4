import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";
import { bucketRange, dayOf, decodeKey, encodeKey, histogramMedian, parseSignature, reviewCounters, signature, Tally, timeBucket, TIME_BUCKETS_S, unitCounters, type UnitRating } from "./keys";

const ctx = { batch: "b1", taskType: "mcq" };
const rating = (reviewerId: string, decision: string, levels: UnitRating["levels"] = [], rubric: UnitRating["rubric"] = null): UnitRating => ({ reviewerId, decision, levels, rubric });

describe("dashboard counter keys", () => {
  it("encodes and decodes keys, and a signature depends only on the multiset of ratings", () => {
    const k = { metric: "pair", scope: "level:L4/L5", day: "", batch: "b", taskType: "report", k1: "a|b", k2: "accept|edit", k3: "" };
    expect(decodeKey(encodeKey(k))).toEqual(k);
    expect(signature(["edit", "accept", "accept"])).toBe("accept=2,edit=1");
    expect(signature(["accept", "edit", "accept"])).toBe(signature(["edit", "accept", "accept"]));
    expect([...parseSignature("accept=2,edit=1")]).toEqual([["accept", 2], ["edit", 1]]);
  });

  it("reads days from every form a stored time takes", () => {
    expect(dayOf(new Date("2026-03-04T23:59:59Z"))).toBe("2026-03-04");
    expect(dayOf("2026-03-04T10:00:00.000+00:00")).toBe("2026-03-04");
    expect(dayOf(Date.UTC(2026, 2, 4, 12))).toBe("2026-03-04");
  });

  it("buckets time per item and interpolates the median inside its bucket", () => {
    expect(timeBucket(0)).toBe(0);
    expect(timeBucket(4_999)).toBe(0);
    expect(timeBucket(5_000)).toBe(1);
    expect(timeBucket(10 * 3_600_000)).toBe(TIME_BUCKETS_S.length);
    expect(bucketRange(TIME_BUCKETS_S.length).upper).toBeNull();
    // 10 reviews: 4 in [0, 5) s, 6 in [5, 10) s → the 5th of 10 is 1/6 into the second bucket.
    const counts = new Array(TIME_BUCKETS_S.length + 1).fill(0);
    counts[0] = 4;
    counts[1] = 6;
    expect(histogramMedian(counts)).toBeCloseTo(5 + (1 / 6) * 5, 10);
    expect(histogramMedian(counts.map(() => 0))).toBeNull();
  });

  it("counts a review's throughput, time, reasons and level corrections; adjudications have no time", () => {
    const t = reviewCounters({ reviewerId: "r1", decision: "edit", isAdjudication: false, reason: "wrong_level", severity: "major", timeSpentMs: 61_000, day: "2026-01-02", batch: "b", taskType: "mcq", levels: [{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: "wrong_level", severity: null }] });
    const metrics = [...t.map.keys()].map((k) => decodeKey(k).metric).sort();
    expect(metrics).toEqual(["levelfix", "levelseen", "reason", "reason", "reviews", "time"]);
    const a = reviewCounters({ reviewerId: "adj", decision: "accept", isAdjudication: true, reason: "fine", severity: null, timeSpentMs: 0, day: "2026-01-02", batch: "b", taskType: "mcq", levels: [] });
    expect([...a.map.keys()].map((k) => decodeKey(k))).toEqual([expect.objectContaining({ metric: "reviews", k1: "adj", k3: "adjudication" })]);
  });

  it("adds a round's ratings one at a time to the same counters as all at once (with minus without)", () => {
    const ratings = [
      rating("r2", "accept", [{ level: "L4/L5", decision: "accept", correctedLevel: null }], { a: 3, b: 4 }),
      rating("r1", "edit", [{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" }], { a: 3, b: 5 }),
      rating("r3", "accept", [{ level: "L4/L5", decision: "accept", correctedLevel: null }], { a: 2, b: 4 }),
    ];
    const stepwise = new Tally();
    for (let i = 1; i <= ratings.length; i++) {
      stepwise.merge(unitCounters(ratings.slice(0, i), ctx));
      stepwise.merge(unitCounters(ratings.slice(0, i - 1), ctx), -1);
    }
    const whole = unitCounters(ratings, ctx);
    expect(Object.fromEntries(stepwise.map)).toEqual(Object.fromEntries(whole.map));
    const keys = [...whole.map.entries()].map(([k, n]) => ({ ...decodeKey(k), n }));
    expect(keys.filter((k) => k.metric === "unit")).toEqual([
      expect.objectContaining({ scope: "item", k1: "accept=2,edit=1", n: 1 }),
      expect.objectContaining({ scope: "level:L4/L5", k1: "accept=2,moved=1", n: 1 }),
    ]);
    // Pairs are ordered by reviewer id, their cells with them: r1 (edit) before r2 (accept).
    expect(keys).toContainEqual(expect.objectContaining({ metric: "pair", scope: "item", k1: "r1|r2", k2: "edit|accept", n: 1 }));
    expect(keys.filter((k) => k.metric === "pair" && k.scope === "item")).toHaveLength(3);
    expect(keys.filter((k) => k.metric === "rpair").reduce((s, k) => s + k.n, 0)).toBe(6); // 3 pairs × 2 dimensions
  });

  it("writes CSV that spreadsheets read as data", () => {
    expect(toCsv({ header: ["name", "n"], rows: [["=cmd()", 1], ['a "b", c', -2], [null, 0]] })).toBe('name,n\r\n\'=cmd(),1\r\n"a ""b"", c",-2\r\n,0\r\n');
  });
});
