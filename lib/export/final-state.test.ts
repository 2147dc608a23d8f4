import { describe, expect, it } from "vitest";
import { finalRubric, finalState, rejectionReason, type StoredReview, type StoredVersion } from "./final-state";

const v = (id: string, number: number, kind: StoredVersion["kind"], answer: string): StoredVersion => ({ id, number, kind, content: { question: "q", answer } });
const review = (id: string, o: Partial<StoredReview> = {}): StoredReview => ({
  id,
  isAdjudication: false,
  round: 1,
  decision: "accept",
  reason: null,
  severity: null,
  rubric: null,
  submittedAt: new Date("2026-01-01T10:00:00Z"),
  levels: [],
  ...o,
});
const lv = (level: string, rank: number, note: string | null = null) => ({ level, kind: level.includes("/") ? "disc" : "vertebra", rank, note });

describe("an item's final state", () => {
  it("takes the current version as the final text and the last LLM version before it as the corrected one", () => {
    const s = finalState({
      round: 1,
      currentVersionId: "v3",
      levels: [lv("L4/L5", 40)],
      versions: [v("v1", 1, "draft", "d"), v("v2", 2, "revision", "r"), v("v3", 3, "reviewed", "edited")],
      reviews: [review("a", { decision: "edit", levels: [{ level: "L4/L5", decision: "accept", correctedLevel: null, reason: null, severity: null }] })],
    });
    expect(s.final.id).toBe("v3");
    expect(s.llm?.id).toBe("v2");
    expect(s.placedLevels).toEqual(["L4/L5"]);
  });

  it("an accepted revision has no corrected LLM version (no preference pair)", () => {
    const s = finalState({ round: 1, currentVersionId: "v2", levels: [], versions: [v("v1", 1, "draft", "d"), v("v2", 2, "revision", "r")], reviews: [review("a")] });
    expect(s.llm).toBeNull();
  });

  it("applies a round's agreed level correction; the moved level is not placed, the target is", () => {
    const moved = { level: "L4/L5", decision: "edit" as const, correctedLevel: "L5/S1", reason: "wrong_level", severity: "major" };
    const s = finalState({
      round: 2,
      currentVersionId: "v2",
      levels: [lv("L3/L4", 30, "bulge"), lv("L4/L5", 40, "extrusion")],
      versions: [v("v1", 1, "draft", "d"), v("v2", 2, "revision", "r")],
      reviews: [
        review("old", { round: 1, decision: "reject", levels: [{ ...moved, correctedLevel: "C1/C2" }] }),
        review("a", { round: 2, decision: "edit", levels: [{ level: "L3/L4", decision: "accept", correctedLevel: null, reason: null, severity: null }, moved] }),
        review("b", { round: 2, decision: "edit", levels: [{ level: "L3/L4", decision: "reject", correctedLevel: null, reason: null, severity: null }, moved], submittedAt: new Date("2026-02-01T00:00:00Z") }),
      ],
    });
    expect(s.deciding.map((r) => r.id)).toEqual(["a", "b"]);
    expect(s.levelsBefore).toEqual(["L3/L4", "L4/L5"]);
    expect(s.levelsAfter.map((l) => [l.level, l.note])).toEqual([["L3/L4", "bulge"], ["L5/S1", "extrusion"]]);
    expect(s.placedLevels).toEqual(["L3/L4", "L5/S1"]);
    expect(s.decidedAt?.toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("an adjudication decides: levels before from its decisions, after from the item (already corrected)", () => {
    const s = finalState({
      round: 1,
      currentVersionId: "v3",
      levels: [lv("L3/L4", 30), lv("L5/S1", 50)],
      versions: [v("v1", 1, "draft", "d"), v("v2", 2, "revision", "r"), v("v3", 3, "adjudicated", "r")],
      reviews: [
        review("a", { decision: "edit" }),
        review("b", { decision: "reject" }),
        review("j", { isAdjudication: true, decision: "edit", levels: [{ level: "L3/L4", decision: "accept", correctedLevel: null, reason: null, severity: null }, { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: null, severity: null }] }),
      ],
    });
    expect(s.deciding.map((r) => r.id)).toEqual(["j"]);
    expect(s.levelsBefore).toEqual(["L3/L4", "L4/L5"]);
    expect(s.levelsAfter.map((l) => l.level)).toEqual(["L3/L4", "L5/S1"]);
    expect(s.placedLevels).toEqual(["L3/L4", "L5/S1"]);
  });

  it("a rejected item places no level and its corrections are not applied; its reason is the rejecting review's", () => {
    const s = finalState({
      round: 1,
      currentVersionId: "v1",
      levels: [lv("L4/L5", 40)],
      versions: [v("v1", 1, "draft", "d")],
      reviews: [review("a", { decision: "reject", reason: "hallucinated_finding", severity: "major", levels: [{ level: "L4/L5", decision: "reject", correctedLevel: "L5/S1", reason: null, severity: null }] })],
    });
    expect(s.levelsAfter.map((l) => l.level)).toEqual(["L4/L5"]);
    expect(s.placedLevels).toEqual([]);
    expect(rejectionReason(s.deciding)).toEqual({ reason: "hallucinated_finding", severity: "major" });
  });

  it("averages the deciding reviews' rubric per dimension", () => {
    expect(finalRubric([review("a", { rubric: { diagnosis: 4, coverage: 3 } }), review("b", { rubric: { diagnosis: 5, coverage: 3 } })])).toEqual({ coverage: 3, diagnosis: 4.5 });
    expect(finalRubric([review("a")])).toBeNull();
  });
});
