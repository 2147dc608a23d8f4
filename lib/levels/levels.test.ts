import { describe, expect, it } from "vitest";
import {
  ALL_LEVELS,
  STANDARD_LEVELS,
  LevelError,
  compareLevels,
  isCanonicalLevel,
  levelInfo,
  levelsForAnatomy,
  levelsNear,
  normaliseLevel,
  parseLevel,
} from "./levels";

describe("parseLevel: accepted spellings", () => {
  it.each([
    ["L4/L5", "L4/L5"],
    ["L4-L5", "L4/L5"],
    ["L4-5", "L4/L5"],
    ["L4/5", "L4/L5"],
    ["l4_l5", "L4/L5"],
    ["L4 L5", "L4/L5"],
    ["L4–L5", "L4/L5"], // en dash
    ["L4—L5", "L4/L5"], // em dash
    ["L4−L5", "L4/L5"], // minus sign
    ["L4 / L5", "L4/L5"],
    ["L4L5", "L4/L5"],
    ["l4l5", "L4/L5"],
    ["  l4-l5  ", "L4/L5"],
    ["Ｌ４／Ｌ５", "L4/L5"], // full-width, as typed with a Chinese input method
    ["L5-S1", "L5/S1"],
    ["l5s1", "L5/S1"],
    ["L5/sacrum", "L5/S1"],
    ["C7-T1", "C7/T1"],
    ["c7t1", "C7/T1"],
    ["T12-L1", "T12/L1"],
    ["T11-12", "T11/T12"],
    ["C1-2", "C1/C2"],
    ["C2/C3", "C2/C3"],
    ["c5-6", "C5/C6"],
    ["L5", "L5"],
    ["l5", "L5"],
    [" C7 ", "C7"],
    ["T1", "T1"],
    ["S1", "S1"],
    ["sacrum", "S1"],
    ["Sacrum", "S1"],
    ["coccyx", "Co"],
    ["co", "Co"],
    ["Co1", "Co"],
    ["L04", "L4"],
  ])("%j → %s", (input, canonical) => {
    const result = parseLevel(input);
    expect(result).toMatchObject({ ok: true, level: { canonical } });
    expect(normaliseLevel(input)).toBe(canonical);
  });

  it.each([
    ["T13", "T13"],
    ["L6", "L6"],
    ["T12/T13", "T12/T13"],
    ["T13-L1", "T13/L1"],
    ["L5-6", "L5/L6"],
    ["L6-S1", "L6/S1"],
    ["l6s1", "L6/S1"],
  ])("transitional %j → %s, flagged", (input, canonical) => {
    const result = parseLevel(input);
    expect(result).toMatchObject({ ok: true, level: { canonical, transitional: true } });
  });

  it("does not flag ordinary levels as transitional", () => {
    for (const input of ["L5", "L5/S1", "T12/L1", "S1", "Co"]) {
      expect(levelInfo(input).transitional).toBe(false);
    }
  });
});

describe("parseLevel: rejected values name the value and the reason", () => {
  it.each([
    ["L9", /"L9".*L9 is not a vertebra.*L1–L5/],
    ["L7", /"L7".*lumbar vertebrae are L1–L5/],
    ["C8", /"C8".*C8 is not a vertebra \(C8 is a nerve root\).*C1–C7/],
    ["C0", /"C0".*C0 is not a vertebra/],
    ["T14", /"T14".*thoracic vertebrae are T1–T12/],
    ["S2", /"S2".*S1/],
    ["C8/C9", /"C8\/C9".*C8 is not a vertebra/],
    ["T13/T14", /"T13\/T14".*T14 is not a vertebra/],
    ["L5/L3", /"L5\/L3".*reverse order.*L3 and L5 are not adjacent/],
    ["L5/L4", /"L5\/L4".*reverse order.*did you mean L4\/L5\?/],
    ["S1/L5", /did you mean L5\/S1\?/],
    ["L3/L5", /"L3\/L5".*L3 and L5 are not adjacent/],
    ["C7/L1", /C7 and L1 are not adjacent/],
    ["T12/L2", /T12 and L2 are not adjacent/],
    ["L4/L4", /"L4\/L4".*two different vertebrae/],
    ["S1/Co", /sacrococcygeal/],
    ["L4-", /Unrecognised level "L4-"/],
    ["L45", /"L45".*L45 is not a vertebra/],
    ["lumbar", /Unrecognised level "lumbar"/],
    ["L4/L5/S1", /Unrecognised level/],
    ["4/5", /Unrecognised level "4\/5"/],
    ["sacrum-2", /Unrecognised level/],
    ["", /Level is empty/],
    ["   ", /Level is empty/],
  ])("%j is refused", (input, message) => {
    const result = parseLevel(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
    expect(() => normaliseLevel(input)).toThrow(LevelError);
    expect(() => normaliseLevel(input)).toThrow(message);
  });

  it("refuses a non-string at run time instead of throwing", () => {
    expect(parseLevel(42 as unknown as string)).toEqual({ ok: false, error: "Level must be a string, got number" });
  });

  it("keeps the offending input on the LevelError", () => {
    try {
      normaliseLevel("L9");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LevelError);
      expect((error as LevelError).input).toBe("L9");
      expect((error as LevelError).name).toBe("LevelError");
    }
  });

  it("shortens a very long value in the message", () => {
    const result = parseLevel("x".repeat(500));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(250);
  });

  it("returns the same answer from its cache", () => {
    expect(parseLevel("L4-5")).toBe(parseLevel("L4-5"));
  });
});

describe("LevelInfo", () => {
  it.each([
    ["C1/C2", { kind: "disc", region: "C", vertebrae: ["C1", "C2"] }],
    ["C7/T1", { kind: "disc", region: "C", vertebrae: ["C7", "T1"] }],
    ["T12/L1", { kind: "disc", region: "T", vertebrae: ["T12", "L1"] }],
    ["L5/S1", { kind: "disc", region: "L", vertebrae: ["L5", "S1"] }],
    ["L3", { kind: "vertebra", region: "L", vertebrae: ["L3"] }],
    ["S1", { kind: "vertebra", region: "S", vertebrae: ["S1"] }],
    ["Co", { kind: "vertebra", region: "Co", vertebrae: ["Co"] }],
  ])("%s", (level, expected) => {
    expect(levelInfo(level)).toMatchObject({ canonical: level, ...expected });
  });

  it("is immutable", () => {
    const info = levelInfo("L4/L5");
    expect(Object.isFrozen(info)).toBe(true);
    expect(Object.isFrozen(info.vertebrae)).toBe(true);
  });
});

describe("the vocabulary", () => {
  const names = (levels: readonly { canonical: string }[]) => levels.map((l) => l.canonical);

  it("has every standard vertebra and disc, in cranio-caudal order", () => {
    const expected = [
      "C1", "C1/C2", "C2", "C2/C3", "C3", "C3/C4", "C4", "C4/C5", "C5", "C5/C6", "C6", "C6/C7", "C7", "C7/T1",
      "T1", "T1/T2", "T2", "T2/T3", "T3", "T3/T4", "T4", "T4/T5", "T5", "T5/T6", "T6", "T6/T7", "T7", "T7/T8",
      "T8", "T8/T9", "T9", "T9/T10", "T10", "T10/T11", "T11", "T11/T12", "T12", "T12/L1",
      "L1", "L1/L2", "L2", "L2/L3", "L3", "L3/L4", "L4", "L4/L5", "L5", "L5/S1", "S1", "Co",
    ];
    expect(names(STANDARD_LEVELS)).toEqual(expected);
    expect(STANDARD_LEVELS.filter((l) => l.kind === "vertebra")).toHaveLength(26); // 7 + 12 + 5 + S1 + Co
    expect(STANDARD_LEVELS.filter((l) => l.kind === "disc")).toHaveLength(24);
  });

  it("adds the transitional levels, flagged, to ALL_LEVELS", () => {
    expect(names(ALL_LEVELS.filter((l) => l.transitional))).toEqual([
      "T12/T13", "T13", "T13/L1", "L5/L6", "L6", "L6/S1",
    ]);
    expect(ALL_LEVELS).toHaveLength(STANDARD_LEVELS.length + 6);
  });

  it("gives every level a distinct integer rank, discs between their vertebrae", () => {
    const ranks = ALL_LEVELS.map((l) => l.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
    expect(ranks.every(Number.isInteger)).toBe(true);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    for (const disc of ALL_LEVELS.filter((l) => l.kind === "disc")) {
      const [upper, lower] = disc.vertebrae.map(levelInfo);
      expect(disc.rank).toBeGreaterThan(upper.rank);
      expect(disc.rank).toBeLessThan(lower.rank);
    }
  });

  it("parses every canonical spelling to itself", () => {
    for (const level of ALL_LEVELS) {
      expect(normaliseLevel(level.canonical)).toBe(level.canonical);
      expect(isCanonicalLevel(level.canonical)).toBe(true);
    }
    expect(isCanonicalLevel("L4-5")).toBe(false);
  });

  it("describes the anatomy of a spine with a transitional vertebra", () => {
    expect(names(levelsForAnatomy(["L6"]).slice(-8))).toEqual([
      "L4", "L4/L5", "L5", "L5/L6", "L6", "L6/S1", "S1", "Co",
    ]);
    const withT13 = names(levelsForAnatomy(["T13"]));
    expect(withT13).toContain("T13/L1");
    expect(withT13).not.toContain("T12/L1");
    expect(withT13).toContain("L5/S1");
    expect(names(levelsForAnatomy())).toEqual(names(STANDARD_LEVELS));
  });
});

describe("compareLevels", () => {
  it("sorts any spelling cranio-caudally", () => {
    const sorted = ["L5-S1", "C7", "L4/5", "T12/L1", "L4", "c5c6", "S1", "L5", "T13"].sort(compareLevels);
    expect(sorted).toEqual(["c5c6", "C7", "T12/L1", "T13", "L4", "L4/5", "L5", "L5-S1", "S1"]);
  });

  it("puts invalid values last without throwing", () => {
    expect(["zz", "L9", "L1", "aa"].sort(compareLevels)).toEqual(["L1", "L9", "aa", "zz"]);
  });

  it("accepts LevelInfo objects", () => {
    expect(compareLevels(levelInfo("L4"), levelInfo("L3"))).toBeGreaterThan(0);
    expect(compareLevels(levelInfo("L4/L5"), "L4-5")).toBe(0);
  });
});

describe("levelsNear", () => {
  it.each([
    ["L4/L5", 1, ["L3/L4", "L5/S1"]],
    ["L4-5", 2, ["L2/L3", "L3/L4", "L5/S1"]],
    ["L5/S1", 1, ["L4/L5"]],
    ["C5/C6", 1, ["C4/C5", "C6/C7"]],
    ["C1/C2", 1, ["C2/C3"]],
    ["T12/L1", 1, ["T11/T12", "L1/L2"]],
    ["C7/T1", 1, ["C6/C7", "T1/T2"]],
    ["L5", 1, ["L4", "S1"]],
    ["C1", 2, ["C2", "C3"]],
    ["S1", 1, ["L5", "Co"]],
    ["L6", 1, ["L5", "S1"]],
    ["L5/L6", 1, ["L4/L5", "L6/S1"]],
    ["L6/S1", 2, ["L4/L5", "L5/L6"]],
    ["T13/L1", 1, ["T12/T13", "L1/L2"]],
    ["L4/L5", 0, []],
  ] as const)("%s ±%i → %j", (level, n, expected) => {
    expect(levelsNear(level, n)).toEqual(expected);
  });

  it("follows the anatomy the caller gives", () => {
    expect(levelsNear("L4/L5", 1, { transitionalVertebrae: ["L6"] })).toEqual(["L3/L4", "L5/L6"]);
    expect(levelsNear("T12/L1", 1, { transitionalVertebrae: ["T13"] })).toEqual(["T11/T12", "T12/T13"]);
  });

  it("refuses a bad level or count", () => {
    expect(() => levelsNear("L9", 1)).toThrow(LevelError);
    expect(() => levelsNear("L4/L5", -1)).toThrow(RangeError);
    expect(() => levelsNear("L4/L5", 1.5)).toThrow(RangeError);
  });
});
