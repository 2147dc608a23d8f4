import { describe, expect, it } from "vitest";
import {
  GRADE_SCALES,
  GRADE_SCALE_IDS,
  type GradeScaleId,
  gradeIndex,
  gradeLabel,
  gradeSchema,
  isGrade,
  parseGrade,
} from "./grades";

describe("the scales", () => {
  it.each([
    ["pfirrmann", [1, 2, 3, 4, 5]],
    ["modic", [0, 1, 2, 3]],
    ["disc_contour", ["bulge", "protrusion", "extrusion", "sequestration"]],
    ["central_canal_stenosis", ["normal_mild", "moderate", "severe"]],
    ["foraminal_stenosis", [0, 1, 2, 3]],
    ["spondylolisthesis", [1, 2, 3, 4, 5]],
    ["fracture", [0, 1, 2, 3]],
  ] as const)("%s has values %j", (id, values) => {
    expect(GRADE_SCALES[id].options.map((o) => o.value)).toEqual(values);
  });

  it("labels and describes every option, with unique labels per scale", () => {
    expect(GRADE_SCALE_IDS).toHaveLength(7);
    for (const id of GRADE_SCALE_IDS) {
      const s = GRADE_SCALES[id];
      expect(s.id).toBe(id);
      expect(s.name).not.toBe("");
      expect(s.reference).not.toBe("");
      expect(s.levelKinds.length).toBeGreaterThan(0);
      const labels = s.options.map((o) => o.label);
      expect(new Set(labels).size).toBe(labels.length);
      for (const o of s.options) expect(o.description.length).toBeGreaterThan(5);
    }
  });

  it("marks disc contour as nominal and the rest as ordinal", () => {
    expect(GRADE_SCALE_IDS.filter((id) => !GRADE_SCALES[id].ordinal)).toEqual(["disc_contour"]);
  });

  it("uses the clinical labels", () => {
    expect(gradeLabel("pfirrmann", 3)).toBe("Pfirrmann III");
    expect(gradeLabel("spondylolisthesis", 5)).toBe("Meyerding V");
    expect(gradeLabel("foraminal_stenosis", 2)).toBe("Lee 2");
    expect(gradeLabel("fracture", 3)).toBe("Genant 3");
    expect(gradeLabel("central_canal_stenosis", "normal_mild")).toBe("Normal / mild");
    expect(() => gradeLabel("modic", 4 as 3)).toThrow(RangeError);
  });
});

describe("parseGrade", () => {
  it.each([
    ["pfirrmann", 3, 3],
    ["pfirrmann", "3", 3],
    ["pfirrmann", "III", 3],
    ["pfirrmann", "grade iv", 4],
    ["modic", 0, 0],
    ["modic", "Modic 2", 2],
    ["modic", "type 1", 1],
    ["foraminal_stenosis", "Lee 3", 3],
    ["spondylolisthesis", "II", 2],
    ["spondylolisthesis", "Meyerding V", 5],
    ["fracture", "0", 0],
    ["disc_contour", "Extrusion", "extrusion"],
    ["disc_contour", " protrusion ", "protrusion"],
    ["central_canal_stenosis", "Normal/Mild", "normal_mild"],
    ["central_canal_stenosis", "normal-mild", "normal_mild"],
    ["central_canal_stenosis", "SEVERE", "severe"],
  ] as const)("%s %j → %j", (id, input, value) => {
    expect(parseGrade(id as GradeScaleId, input)).toMatchObject({ ok: true, value });
  });

  it.each([
    ["pfirrmann", 0, /Invalid Disc degeneration \(Pfirrmann\) grade 0: expected one of 1, 2, 3, 4, 5/],
    ["pfirrmann", 6, /grade 6/],
    ["pfirrmann", "VI", /grade "VI"/],
    ["modic", 4, /grade 4/],
    ["modic", "1/2", /grade "1\/2"/],
    ["disc_contour", "herniation", /grade "herniation": expected one of bulge, protrusion, extrusion, sequestration/],
    ["central_canal_stenosis", "mild", /grade "mild".*normal_mild/],
    ["foraminal_stenosis", 4, /grade 4/],
    ["spondylolisthesis", 0, /grade 0/],
    ["fracture", 2.5, /grade 2.5/],
    ["fracture", null, /grade null/],
  ] as const)("%s %j is refused", (id, input, message) => {
    const result = parseGrade(id as GradeScaleId, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it("refuses an unknown scale", () => {
    expect(() => parseGrade("kellgren" as GradeScaleId, 2)).toThrow(/Unknown grading scale "kellgren"/);
  });
});

describe("strict checks", () => {
  it("isGrade accepts only stored values", () => {
    expect(isGrade("pfirrmann", 3)).toBe(true);
    expect(isGrade("pfirrmann", "3")).toBe(false);
    expect(isGrade("central_canal_stenosis", "normal_mild")).toBe(true);
    expect(isGrade("central_canal_stenosis", "Normal/Mild")).toBe(false);
  });

  it("gradeIndex orders mildest first", () => {
    expect(gradeIndex("modic", 0)).toBe(0);
    expect(gradeIndex("central_canal_stenosis", "severe")).toBe(2);
    expect(gradeIndex("pfirrmann", 9 as 1)).toBe(-1);
  });

  it("gradeSchema validates with zod", () => {
    expect(gradeSchema("pfirrmann").parse(4)).toBe(4);
    expect(gradeSchema("disc_contour").safeParse("bulge").success).toBe(true);
    const bad = gradeSchema("modic").safeParse(7);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/Modic.*0, 1, 2, 3/);
    expect(gradeSchema("pfirrmann").safeParse("3").success).toBe(false);
  });
});
