import { describe, expect, it } from "vitest";
import { applySectionEdits, effectiveEdits } from "./content-edit";
import { contentText } from "./content-text";
import { contentSchemaFor } from "./content";

const mcq = { format: "text" as const, question: "Q?", options: { A: "a", B: "b" }, answer: "A" as const, explanation: "because" };
const report = {
  sections: { findings: "f", diagnosis: "d", treatment: { patientFriendly: "p", evidenceBased: "e" }, riskPrognosis: "r", postOpManagement: "o", diagnosticBasis: "b" },
};

describe("applySectionEdits", () => {
  it("edits MCQ fields, options and the answer key without touching the original", () => {
    const out = applySectionEdits("mcq", mcq, { question: "Q2?", "options.B": "b2", answer: "B" });
    expect(out).toEqual({ ...mcq, question: "Q2?", options: { A: "a", B: "b2" }, answer: "B" });
    expect(mcq.question).toBe("Q?");
    expect(contentSchemaFor("mcq").safeParse(out).success).toBe(true);
  });

  it("edits nested report sections by the keys contentText gives", () => {
    const keys = contentText("report", report).map((s) => s.key);
    const edits = Object.fromEntries(keys.map((k) => [k, `new ${k}`]));
    const out = applySectionEdits("report", report, edits);
    expect(out.sections.treatment.evidenceBased).toBe("new sections.treatment.evidenceBased");
    expect(contentText("report", out).map((s) => s.text)).toEqual(keys.map((k) => `new ${k}`));
  });

  it("edits a consultation turn's text and keeps its role", () => {
    const c = { turns: [{ role: "patient" as const, text: "hurts" }, { role: "doctor" as const, text: "where?" }] };
    expect(applySectionEdits("consultation", c, { "turns[1]": "Where exactly?" }).turns[1]).toEqual({ role: "doctor", text: "Where exactly?" });
  });

  it("refuses keys that are not in the content", () => {
    expect(() => applySectionEdits("open_qa", { question: "q", answer: "a" }, { explanation: "x" })).toThrow("no field explanation");
  });

  it("keeps only real changes", () => {
    const sections = contentText("open_qa", { question: "q", answer: "a" });
    expect(effectiveEdits(sections, { question: "q", answer: "a!" })).toEqual({ answer: "a!" });
  });
});
