import { describe, expect, it } from "vitest";
import { toBool, toDate, toJson, toNum } from "./raw-values";

describe("raw SQL values", () => {
  it("reads dates from either provider's form", () => {
    const want = "2026-03-04T05:06:07.089Z";
    expect(toDate("2026-03-04T05:06:07.089Z")?.toISOString()).toBe(want);
    expect(toDate("2026-03-04 05:06:07.089")?.toISOString()).toBe(want);
    expect(toDate("2026-03-04T07:06:07.089+02:00")?.toISOString()).toBe(want);
    expect(toDate(Date.parse(want))?.toISOString()).toBe(want);
    expect(toDate(null)).toBeNull();
  });
  it("reads booleans, numbers and JSON", () => {
    expect([true, 1, "1", 1n].map(toBool)).toEqual([true, true, true, true]);
    expect([false, 0, "0", null, 0n].map(toBool)).toEqual([false, false, false, false, false]);
    expect(toNum(3n)).toBe(3);
    expect(toNum(null)).toBeNull();
    expect(toJson('{"a":1}')).toEqual({ a: 1 });
    expect(toJson({ a: 1 })).toEqual({ a: 1 });
    expect(toJson(undefined)).toBeNull();
  });
});
