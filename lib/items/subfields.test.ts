import { describe, expect, it } from "vitest";
import { isSubfield, SUBFIELD_IDS, SUBFIELDS, subfieldLabel } from "./subfields";

describe("subfields", () => {
  it("has 14 distinct ids in snake_case, each labelled and described", () => {
    expect(SUBFIELDS).toHaveLength(14);
    expect(new Set(SUBFIELD_IDS).size).toBe(14);
    for (const s of SUBFIELDS) {
      expect(s.id).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(s.label.length).toBeGreaterThan(3);
      expect(s.description.length).toBeGreaterThan(10);
    }
  });

  it("checks and labels ids", () => {
    expect(isSubfield("degenerative_lumbar")).toBe(true);
    expect(isSubfield("cardiology")).toBe(false);
    expect(isSubfield(3)).toBe(false);
    expect(subfieldLabel("trauma")).toBe("Spinal trauma");
    expect(subfieldLabel("unknown_id")).toBe("unknown_id");
  });
});
