import { describe, expect, it } from "vitest";
import { acceptAllowed, buildAdjudication, initialChoices, levelDisputed, OWN, type ChoiceReview } from "./choices";
import { adjudicateSchema } from "./schemas";

const none = { reason: null, severity: null, comment: null };
const a: ChoiceReview = { id: "ra", levels: [{ level: "C7", decision: "accept", correctedLevel: null, ...none }, { level: "S1", decision: "accept", correctedLevel: null, ...none }] };
const b: ChoiceReview = { id: "rb", levels: [{ level: "C7", decision: "edit", correctedLevel: "T1", ...none, reason: "wrong_level" }] };

describe("adjudication choices", () => {
  it("starts agreed levels with the reviews' outcome and leaves disputed ones open", () => {
    const c = initialChoices(["C7", "S1"], [a, b]);
    expect(c.C7).toBeNull();
    // b did not mention S1: it stands accepted, as in the agreement rule.
    expect(c.S1).toMatchObject({ decision: "accept", from: "ra" });
    expect(levelDisputed("C7", [a, b])).toBe(true);
    expect(levelDisputed("S1", [a, b])).toBe(false);
  });

  it("a correction or a changed text rules out a plain accept", () => {
    expect(acceptAllowed({ C7: { decision: "edit", correctedLevel: "T1", ...none, from: "rb" } }, false)).toBe(false);
    expect(acceptAllowed({ C7: { decision: "accept", correctedLevel: null, ...none, from: OWN } }, true)).toBe(false);
    expect(acceptAllowed({ C7: { decision: "reject", correctedLevel: null, ...none, from: OWN } }, false)).toBe(true);
  });

  it("builds a body the shared schema takes, naming each level's source; refuses while a level is open", () => {
    const choices = { C7: { decision: "edit" as const, correctedLevel: "T1", reason: "wrong_level", severity: null, comment: null, from: "rb" }, S1: null };
    expect(() => buildAdjudication({ baseVersionId: "v2", decision: "edit", reason: "r", levels: ["C7", "S1"], choices })).toThrow("Choose an outcome for S1");
    const body = buildAdjudication({
      baseVersionId: "v2",
      decision: "edit",
      reason: "Ravi is right",
      levels: ["C7", "S1"],
      choices: { ...choices, S1: { decision: "reject", correctedLevel: null, reason: "hallucinated_finding", severity: "major", comment: "no finding at S1", from: OWN } },
      content: { question: "q", answer: "a" },
      textFrom: "rb",
    });
    const parsed = adjudicateSchema.parse(body);
    expect(parsed.sources).toEqual({ C7: "rb", S1: OWN });
    expect(parsed.levels).toEqual([
      { level: "C7", decision: "edit", correctedLevel: "T1", reason: "wrong_level" },
      { level: "S1", decision: "reject", reason: "hallucinated_finding", severity: "major", comment: "no finding at S1" },
    ]);
    // A rejection sends no text.
    expect(buildAdjudication({ baseVersionId: "v2", decision: "reject", reason: "x", levels: [], choices: {}, content: { a: 1 } }).content).toBeUndefined();
  });
});
