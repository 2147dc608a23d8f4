import { describe, expect, it } from "vitest";
import { assignSplits, groupKey, validateRatios, type SplitInput } from "./splits";

function corpus(n: number): SplitInput[] {
  const tasks = ["mcq", "open_qa", "consultation", "report"];
  return Array.from({ length: n }, (_, i) => ({
    id: `item-${i}`,
    // A case holds 1–4 items; every fifth item has no case and is grouped by its source.
    caseId: i % 5 === 0 ? null : `case-${Math.floor(i / 3)}`,
    sourceReference: `book p.${Math.floor(i / 7)}`,
    taskType: tasks[i % 4],
  }));
}

describe("splits", () => {
  it("never puts one case (or one source, for items without a case) on two sides", () => {
    const items = corpus(2000);
    const splits = assignSplits(items, { train: 0.8, validation: 0.1, test: 0.1 }, "seed-1");
    const sides = new Map<string, Set<string>>();
    for (const i of items) {
      const k = groupKey(i);
      sides.set(k, (sides.get(k) ?? new Set()).add(splits.get(i.id)!));
    }
    for (const [k, s] of sides) expect(s.size, k).toBe(1);
  });

  it("comes close to the ratios, within each task type", () => {
    const items = corpus(4000);
    const splits = assignSplits(items, { train: 0.7, validation: 0.1, test: 0.2 }, "seed-2");
    for (const t of ["mcq", "open_qa", "consultation", "report"]) {
      const of = items.filter((i) => i.taskType === t);
      const share = (s: string) => of.filter((i) => splits.get(i.id) === s).length / of.length;
      expect(share("train")).toBeGreaterThan(0.66);
      expect(share("train")).toBeLessThan(0.74);
      expect(share("test")).toBeGreaterThan(0.16);
      expect(share("test")).toBeLessThan(0.24);
    }
  });

  it("is the same for the same seed whatever the order, and changes with the seed", () => {
    const items = corpus(500);
    const a = assignSplits(items, undefined, "s");
    const b = assignSplits([...items].reverse(), undefined, "s");
    expect([...a].sort()).toEqual([...b].sort());
    const c = assignSplits(items, undefined, "other");
    expect([...a].filter(([id, s]) => c.get(id) !== s).length).toBeGreaterThan(0);
  });

  it("refuses ratios that do not add up to 1", () => {
    expect(validateRatios({ train: 0.8, validation: 0.1, test: 0.2 })).toMatch(/add up to 1/);
    expect(() => assignSplits(corpus(3), { train: -1, validation: 1, test: 1 })).toThrow(/0 or more/);
    const all = assignSplits(corpus(50), { train: 1, validation: 0, test: 0 });
    expect(new Set(all.values())).toEqual(new Set(["train"]));
  });
});
