import { describe, expect, it } from "vitest";
import { missingDimensions, RUBRIC_DIMENSIONS, RUBRIC_SECTIONS, rubricTotal, type RubricScores } from "./rubric";

const all = (n: number) => Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, n])) as RubricScores;

describe("rubric", () => {
  it("has ten dimensions in five sections, each dimension in exactly one section", () => {
    expect(RUBRIC_DIMENSIONS).toHaveLength(10);
    expect(RUBRIC_SECTIONS.map((s) => s.id)).toEqual(["imaging", "diagnosis", "treatment", "risk", "quality"]);
    expect(RUBRIC_SECTIONS.flatMap((s) => s.dimensions.map((d) => d.id)).sort()).toEqual([...RUBRIC_DIMENSIONS].sort());
  });

  it("all 1 gives 0, all 5 gives 100, all 3 gives 50", () => {
    expect(rubricTotal(all(1))).toBe(0);
    expect(rubricTotal(all(5))).toBe(100);
    expect(rubricTotal(all(3))).toBe(50);
  });

  it("weighs sections equally (a mixed case by hand)", () => {
    const scores: RubricScores = {
      imaging_report: 5, // imaging mean 5 → 1
      diagnosis: 3, // diagnosis mean 3 → 0.5
      patient_guidance: 2, evidence_based_treatment: 4, technical_feasibility: 3, // treatment mean 3 → 0.5
      risk_prognosis: 1, // risk mean 1 → 0
      coverage: 4, relevance: 4, granularity: 2, interpretability: 3, // quality mean 3.25 → 0.5625
    };
    // 20 × (1 + 0.5 + 0.5 + 0 + 0.5625) = 20 × 2.5625 = 51.25
    expect(rubricTotal(scores)).toBe(51.25);
  });

  it("rounds thirds to four decimals", () => {
    const scores = { ...all(1), patient_guidance: 2 }; // treatment mean 4/3 → 1/12; × 20 = 1.6667
    expect(rubricTotal(scores)).toBe(1.6667);
  });

  it("refuses an incomplete or out-of-range rubric, naming the dimensions", () => {
    const partial = { ...all(3), coverage: undefined } as unknown as RubricScores;
    expect(() => rubricTotal(partial)).toThrow(/coverage/);
    expect(() => rubricTotal({ ...all(3), diagnosis: 6 })).toThrow(/diagnosis/);
    expect(() => rubricTotal({ ...all(3), diagnosis: 2.5 })).toThrow(/diagnosis/);
    expect(missingDimensions({ imaging_report: 4 })).toHaveLength(9);
  });
});
