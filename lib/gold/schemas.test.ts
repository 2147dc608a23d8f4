import { describe, expect, it } from "vitest";
import { goldSchema } from "./schemas";

describe("goldSchema", () => {
  it("stores levels canonically; a correction is an edit", () => {
    expect(goldSchema.parse({ decision: "accept", levels: { "l4-5": { decision: "reject", correctedLevel: "L5-S1" }, "L3/L4": { decision: "accept" } }, note: " " })).toEqual({
      decision: "accept",
      levels: { "L4/L5": { decision: "edit", correctedLevel: "L5/S1" }, "L3/L4": { decision: "accept", correctedLevel: null } },
      note: null,
    });
  });

  it("refuses a level that is not one, a level twice, a correction to itself", () => {
    const msg = (body: unknown) => goldSchema.safeParse(body).error?.issues[0]?.message;
    expect(msg({ decision: "accept", levels: { L9: { decision: "accept" } } })).toMatch(/^Levels: /);
    expect(msg({ decision: "accept", levels: { "L4/L5": { decision: "accept" }, "L4-5": { decision: "reject" } } })).toBe("Levels: L4/L5 is listed twice");
    expect(msg({ decision: "edit", levels: { "L4/L5": { decision: "edit", correctedLevel: "l4_l5" } } })).toContain("is L4/L5 itself");
    expect(msg({ decision: "maybe", levels: {} })).toBe("Expected decision: choose accept, edit or reject");
  });
});
