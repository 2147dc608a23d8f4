import { describe, expect, it } from "vitest";
import { levelDecisionSchema, queueFilterSchema, submitReviewSchema } from "./schemas";
import { REASONS, REASON_KEYS, SEVERITIES, reasonForShortcut } from "./taxonomy";

const messages = (r: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

const base = { baseVersionId: "v1", decision: "accept", levels: [], timeSpentMs: 1000 };

describe("taxonomy", () => {
  it("has eight reasons with unique one-letter shortcuts that are not severity keys", () => {
    expect(REASONS.map((r) => r.id)).toEqual([...REASON_KEYS]);
    const keys = REASONS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z]$/);
    expect(reasonForShortcut("L")?.id).toBe("wrong_level");
    expect(SEVERITIES.map((s) => s.id)).toEqual(["minor", "major", "clinically_dangerous"]);
  });
});

describe("levelDecisionSchema", () => {
  it("normalises the level and drops a reason left on an accepted level", () => {
    const r = levelDecisionSchema.parse({ level: "l4-5", decision: "accept", reason: "poor_language", comment: "  " });
    expect(r).toEqual({ level: "L4/L5", decision: "accept", correctedLevel: undefined, reason: undefined, severity: undefined, comment: undefined });
  });

  it("a correction is an edit with reason wrong_level and needs no severity", () => {
    const r = levelDecisionSchema.parse({ level: "L4/L5", decision: "accept", correctedLevel: "L5-S1" });
    expect(r).toMatchObject({ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: "wrong_level" });
    expect(levelDecisionSchema.parse({ level: "L4/L5", decision: "edit", correctedLevel: "L3/4", reason: "wrong_laterality", severity: "major" })).toMatchObject({ reason: "wrong_laterality", severity: "major" });
  });

  it("refuses a correction to the same level or on a rejected claim", () => {
    expect(messages(levelDecisionSchema.safeParse({ level: "L4/L5", decision: "edit", correctedLevel: "L4-L5" }))).toEqual([
      "correctedLevel: The corrected level of L4/L5 is L4/L5 itself: choose the level the claim belongs to",
    ]);
    expect(messages(levelDecisionSchema.safeParse({ level: "L4/L5", decision: "reject", correctedLevel: "L5/S1", reason: "wrong_level", severity: "minor" }))[0]).toMatch(/reject it or correct its level/);
  });

  it("a rejection and a non-correction edit need reason and severity", () => {
    expect(messages(levelDecisionSchema.safeParse({ level: "C5/C6", decision: "reject" }))).toEqual([
      "reason: Choose a reason for rejecting the claim at C5/C6",
      "severity: Choose a severity for rejecting the claim at C5/C6",
    ]);
    expect(messages(levelDecisionSchema.safeParse({ level: "C5/C6", decision: "edit", reason: "poor_language" }))).toEqual([
      "severity: Choose a severity for editing the claim at C5/C6",
    ]);
  });

  it("names a bad level, reason or unknown field", () => {
    expect(messages(levelDecisionSchema.safeParse({ level: "L9", decision: "accept" }))[0]).toMatch(/^level: Level: Unknown level "L9"/);
    expect(messages(levelDecisionSchema.safeParse({ level: "L1", decision: "reject", reason: "bad", severity: "minor" }))[0]).toMatch(/^reason: The level's reason is not one of the taxonomy/);
    expect(messages(levelDecisionSchema.safeParse({ level: "L1", decision: "accept", correctedlevel: "L2" }))[0]).toMatch(/unknown field "correctedlevel"/);
  });
});

describe("submitReviewSchema", () => {
  it("accepts a plain accept", () => {
    const r = submitReviewSchema.parse({ ...base, levels: [{ level: "L4-L5", decision: "accept" }], startedAt: "2025-05-01T09:30:00.000Z" });
    expect(r.levels[0].level).toBe("L4/L5");
    expect(r.reason).toBeUndefined();
  });

  it("reject and edit need reason and severity", () => {
    expect(messages(submitReviewSchema.safeParse({ ...base, decision: "reject" }))).toEqual([
      "reason: Choose a reason for rejecting the item",
      "severity: Choose a severity for rejecting the item",
    ]);
    expect(messages(submitReviewSchema.safeParse({ ...base, decision: "edit", reason: "poor_language" }))).toEqual(["severity: Choose a severity for editing the item"]);
    expect(submitReviewSchema.safeParse({ ...base, decision: "reject", reason: "hallucinated_finding", severity: "clinically_dangerous" }).success).toBe(true);
  });

  it("refuses a level listed twice (in any spelling)", () => {
    const r = submitReviewSchema.safeParse({ ...base, levels: [{ level: "L4/L5", decision: "accept" }, { level: "l4-5", decision: "accept" }] });
    expect(messages(r)).toEqual(["levels.1.level: Levels: L4/L5 is listed twice"]);
  });

  it("checks time, rubric scores and dates", () => {
    expect(messages(submitReviewSchema.safeParse({ ...base, timeSpentMs: -1 }))).toEqual(["timeSpentMs: timeSpentMs cannot be negative"]);
    expect(messages(submitReviewSchema.safeParse({ ...base, timeSpentMs: 13 * 3600 * 1000 }))[0]).toMatch(/more than 12 hours/);
    expect(messages(submitReviewSchema.safeParse({ ...base, rubric: { coverage: 6 } }))).toEqual(["rubric.coverage: Rubric score for Coverage: give a whole number from 1 to 5"]);
    expect(messages(submitReviewSchema.safeParse({ ...base, rubric: { style: 3 } }))[0]).toMatch(/"style" is not a rubric dimension/);
    expect(messages(submitReviewSchema.safeParse({ ...base, startedAt: "yesterday" }))[0]).toMatch(/startedAt must be an ISO 8601/);
    expect(messages(submitReviewSchema.safeParse({ decision: "accept", levels: [], timeSpentMs: 0 }))[0]).toMatch(/baseVersionId is missing/);
  });
});

describe("queueFilterSchema", () => {
  it("normalises the level and refuses an unknown task type", () => {
    expect(queueFilterSchema.parse({ level: "l5-s1", taskType: "mcq" })).toMatchObject({ level: "L5/S1", taskType: "mcq" });
    expect(queueFilterSchema.safeParse({ taskType: "essay" }).success).toBe(false);
  });
});
