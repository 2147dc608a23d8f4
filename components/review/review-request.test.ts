import { describe, expect, it } from "vitest";
import { emptyDraft } from "./draft";
import { planReview, type PlanInput } from "./review-request";

const item = {
  taskType: "open_qa",
  levels: [{ level: "L4/L5", kind: "disc", rank: 1, note: null }, { level: "L5/S1", kind: "disc", rank: 2, note: null }],
  current: { id: "v1", content: { question: "Q?", answer: "A." } },
} as unknown as PlanInput["item"];

const base = (over: Partial<PlanInput> = {}): PlanInput => ({ item, draft: emptyDraft(["L4/L5", "L5/S1"]), edits: {}, explicit: null, timeSpentMs: 1200, startedAt: "2026-01-01T00:00:00.000Z", ...over });

describe("what a save sends", () => {
  it("an untouched item is accepted, every level accepted", () => {
    const p = planReview(base());
    expect(p.kind).toBe("ready");
    if (p.kind !== "ready") return;
    expect(p.body).toMatchObject({ baseVersionId: "v1", decision: "accept", reason: undefined, timeSpentMs: 1200, editedContent: undefined });
    expect((p.body.levels as { decision: string }[]).map((l) => l.decision)).toEqual(["accept", "accept"]);
  });

  it("a text edit makes it an edit, which asks for a reason first, then sends the edited content", () => {
    const edits = { answer: "A, corrected." };
    expect(planReview(base({ edits }))).toEqual({ kind: "needReason", decision: "edit" });
    const p = planReview(base({ edits, choice: { reason: "poor_language", severity: "minor", comment: "" } }));
    expect(p.kind === "ready" && p.body).toMatchObject({ decision: "edit", reason: "poor_language", severity: "minor", editedContent: { question: "Q?", answer: "A, corrected." } });
  });

  it("a rejection asks for a reason; a report asks for its rubric", () => {
    expect(planReview(base({ explicit: "reject" }))).toEqual({ kind: "needReason", decision: "reject" });
    const report = planReview(base({ item: { ...item, taskType: "report" } as PlanInput["item"] }));
    expect(report.kind).toBe("needRubric");
  });
});
