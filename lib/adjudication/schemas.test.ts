import { describe, expect, it } from "vitest";
import { adjudicateSchema, sendBackSchema } from "./schemas";

const base = { baseVersionId: "v2", decision: "edit", reason: "wrong_level", levels: [{ level: "l4-5", decision: "edit", correctedLevel: "L5-S1" }] };

describe("adjudicateSchema", () => {
  it("takes a taxonomy key or a free-text rationale as the reason, and canonical levels", () => {
    const v = adjudicateSchema.parse(base);
    expect(v.reason).toBe("wrong_level");
    expect(v.levels).toEqual([{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: "wrong_level" }]);
    expect(adjudicateSchema.parse({ ...base, reason: "  Reviewer 2 is right: L5/S1 on the sagittal T2  " }).reason).toBe("Reviewer 2 is right: L5/S1 on the sagittal T2");
  });

  it("requires a reason for every decision, refuses a level twice and unknown fields", () => {
    const msg = (body: unknown) => adjudicateSchema.safeParse(body).error?.issues[0]?.message;
    expect(msg({ ...base, decision: "accept", reason: " " })).toBe("Give the reason for the final decision");
    expect(msg({ ...base, reason: undefined })).toBe("Give the reason for the final decision");
    expect(msg({ ...base, levels: [{ level: "L4/L5", decision: "accept" }, { level: "L4-5", decision: "accept" }] })).toBe("Levels: L4/L5 is listed twice");
    expect(msg({ ...base, isGold: true })).toBe('unknown field "isGold" in the adjudication');
    expect(msg({ ...base, levels: [{ level: "L4/L5", decision: "reject" }] })).toBe("Choose a reason for rejecting the claim at L4/L5");
  });
});

describe("sendBackSchema", () => {
  it("requires a note that is not blank", () => {
    expect(sendBackSchema.parse({ note: "  look at L5/S1 " })).toEqual({ note: "look at L5/S1" });
    for (const body of [{}, { note: "" }, { note: " \n " }]) {
      expect(sendBackSchema.safeParse(body).error?.issues[0]?.message).toBe("Write a note for the reviewers: what should they look at again?");
    }
  });
});
