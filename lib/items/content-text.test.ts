import { describe, expect, it } from "vitest";
import { contentPlainText, contentText } from "./content-text";
import { parseContent, TASK_TYPES, type TaskType } from "./content";
import { example } from "./test-fixtures";

function draftOf<T extends TaskType>(taskType: T) {
  const result = parseContent(taskType, example(taskType).draft.content);
  if (!result.ok) throw new Error("example refused");
  return result.content;
}

describe("contentText", () => {
  it("flattens an MCQ to question, options, answer, explanation", () => {
    const sections = contentText("mcq", draftOf("mcq"));
    expect(sections.map((s) => s.key)).toEqual([
      "question", "options.A", "options.B", "options.C", "options.D", "options.E", "answer", "explanation",
    ]);
    expect(sections.map((s) => s.label)).toEqual([
      "Question", "Option A", "Option B", "Option C", "Option D", "Option E", "Answer", "Explanation",
    ]);
    expect(sections.find((s) => s.key === "answer")!.text).toBe("B");
  });

  it("lists only the options present", () => {
    const sections = contentText("mcq", {
      format: "text",
      question: "Q",
      options: { A: "yes", B: "no" },
      answer: "A",
      explanation: "E",
    });
    expect(sections.map((s) => s.key)).toEqual(["question", "options.A", "options.B", "answer", "explanation"]);
  });

  it("flattens an open question", () => {
    expect(contentText("open_qa", { question: "Q?", answer: "A." })).toEqual([
      { key: "question", label: "Question", text: "Q?" },
      { key: "answer", label: "Answer", text: "A." },
    ]);
  });

  it("labels consultation turns by role and position", () => {
    const sections = contentText("consultation", draftOf("consultation"));
    expect(sections[0]).toMatchObject({ key: "turns[0]", label: "Patient (turn 1)" });
    expect(sections[1]).toMatchObject({ key: "turns[1]", label: "Doctor (turn 2)" });
    expect(sections).toHaveLength(draftOf("consultation").turns.length);
  });

  it("gives a report its seven text sections in reading order", () => {
    const report = draftOf("report");
    const sections = contentText("report", report);
    expect(sections.map((s) => s.label)).toEqual([
      "Findings",
      "Diagnosis",
      "Treatment (patient-friendly)",
      "Treatment (evidence-based)",
      "Risk and prognosis",
      "Post-operative management",
      "Diagnostic basis",
    ]);
    expect(sections[3]).toEqual({
      key: "sections.treatment.evidenceBased",
      label: "Treatment (evidence-based)",
      text: report.sections.treatment.evidenceBased,
    });
  });

  it("keeps markup literally", () => {
    const [question] = contentText("open_qa", { question: "<script>alert(1)</script>", answer: "<b>html</b>" });
    expect(question.text).toBe("<script>alert(1)</script>");
  });

  it("produces non-empty sections with unique keys for every example", () => {
    for (const t of TASK_TYPES) {
      const sections = contentText(t, draftOf(t));
      expect(new Set(sections.map((s) => s.key)).size).toBe(sections.length);
      expect(sections.every((s) => s.text.length > 0 && s.label.length > 0)).toBe(true);
    }
  });

  it("refuses an unknown task type", () => {
    expect(() => contentText("essay" as "open_qa", { question: "Q", answer: "A" })).toThrow(/Unknown task type/);
  });
});

describe("contentPlainText", () => {
  it("joins labelled sections line by line", () => {
    expect(contentPlainText("open_qa", { question: "Q?", answer: "A." })).toBe("Question: Q?\nAnswer: A.");
  });
});
