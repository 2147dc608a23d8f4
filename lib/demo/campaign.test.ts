import { describe, expect, it } from "vitest";
import { levelDecisionSchema } from "@/lib/review/schemas";
import { CAMPAIGN_ADJUDICATION, CAMPAIGN_REVIEWS } from "./campaign";
import { demoItems, type DemoImageRefs } from "./items";

const IMAGES: DemoImageRefs = {
  mr: Array.from({ length: 15 }, (_, i) => `demo-case-001/sag_t2/IM${String(i + 1).padStart(4, "0")}.dcm`),
  xray: ["demo-case-001/xr_lateral/lateral.dcm", "demo-case-002/xr_lateral/lateral.png"],
  mrCaseId: "demo-case-001",
  xrayCaseId: "demo-case-002",
};
const items = new Map(demoItems(IMAGES).map((i) => [i.externalId, i]));
const levelsOf = (id: string) => (items.get(id)?.levels ?? []).map((l) => (typeof l === "string" ? l : l.level));

describe("the demo campaign's script", () => {
  it("names demo items, their own levels, and only as many reviews as each item has reviewers", () => {
    for (const step of CAMPAIGN_REVIEWS) {
      const item = items.get(step.item);
      expect(item, step.item).toBeDefined();
      for (const level of Object.keys(step.levels ?? {})) expect(levelsOf(step.item), `${step.item} ${level}`).toContain(level);
      if (step.by === "reviewer2") expect(item!.requiredReviews, step.item).toBe(2); // the second reviewer holds only those
      expect(!!step.rubric, step.item).toBe(item!.taskType === "report");
    }
    const twice = CAMPAIGN_REVIEWS.filter((s, i) => CAMPAIGN_REVIEWS.findIndex((t) => t.item === s.item && t.by === s.by) !== i);
    expect(twice).toEqual([]);
  });

  it("leaves alone the items the end-to-end tests and the quick start open", () => {
    const played = new Set(CAMPAIGN_REVIEWS.map((s) => s.item));
    for (const id of ["demo-oqa-002", "demo-mcq-002", "demo-oqa-005", "demo-oqa-008", "demo-con-002"]) expect(played.has(id), id).toBe(false);
  });

  it("adjudicates an item both reviewers reviewed, with a valid level correction", () => {
    const reviewers = CAMPAIGN_REVIEWS.filter((s) => s.item === CAMPAIGN_ADJUDICATION.item).map((s) => s.by);
    expect(reviewers.sort()).toEqual(["reviewer1", "reviewer2"]);
    expect(Object.keys(CAMPAIGN_ADJUDICATION.levels).sort()).toEqual([...levelsOf(CAMPAIGN_ADJUDICATION.item)].sort());
    for (const [level, d] of Object.entries(CAMPAIGN_ADJUDICATION.levels)) expect(levelDecisionSchema.safeParse({ level, ...d }).success, level).toBe(true);
    expect(Object.values(CAMPAIGN_ADJUDICATION.levels).some((d) => "correctedLevel" in d)).toBe(true);
  });
});
