import { describe, expect, it } from "vitest";
import { contentSchemaFor, isTaskType, parseContent, TASK_TYPES } from "./content";
import { example } from "./test-fixtures";

describe("contentSchemaFor", () => {
  it("returns one schema per task type, the same instance every call", () => {
    for (const t of TASK_TYPES) expect(contentSchemaFor(t)).toBe(contentSchemaFor(t));
    expect(new Set(TASK_TYPES.map((t) => contentSchemaFor(t))).size).toBe(4);
  });

  it("validates each example's draft with its own task type and refuses it under another", () => {
    for (const t of TASK_TYPES) {
      const content = example(t).draft.content;
      expect(contentSchemaFor(t).safeParse(content).success).toBe(true);
      for (const other of TASK_TYPES.filter((o) => o !== t)) {
        expect(contentSchemaFor(other).safeParse(content).success).toBe(false);
      }
    }
  });

  it("refuses an unknown task type", () => {
    expect(() => contentSchemaFor("essay" as "mcq")).toThrow(/Unknown task type "essay"/);
    expect(isTaskType("essay")).toBe(false);
    expect(isTaskType("open_qa")).toBe(true);
  });
});

describe("MCQ options", () => {
  const mcq = (options: Record<string, string>, answer = "A") => ({
    format: "text",
    question: "Which level?",
    options,
    answer,
    explanation: "Because.",
  });

  it.each([
    [{ A: "a", B: "b" }, "B"],
    [{ A: "a", B: "b", C: "c" }, "C"],
    [{ A: "a", B: "b", C: "c", D: "d", E: "e" }, "E"],
    [{ B: "b", A: "a" }, "A"], // key order in the file does not matter
  ])("accepts %j with answer %s", (options, answer) => {
    expect(parseContent("mcq", mcq(options, answer)).ok).toBe(true);
  });

  it.each([
    [{ A: "a" }, "A", "options.B", /required field is missing/],
    [{ A: "a", C: "c" }, "A", "options.B", /required field is missing/],
    [{ A: "a", B: "b", D: "d" }, "A", "options", /without gaps/],
    [{ A: "a", B: "b", C: "c", D: "d", E: "e", F: "f" }, "A", "options.F", /keyed A, B, C, D, E/],
    [{ A: "a", B: "b", a: "c" }, "A", "options.a", /keyed A/],
    [{ A: "a", B: "" }, "A", "options.B", /must not be empty/],
    [{ A: "a", B: "b" }, "C", "answer", /answer "C" is not one of the options \(A, B\)/],
    [{ A: "a", B: "b" }, "b", "answer", /"b" is not allowed/],
  ])("refuses %j with answer %s at %s", (options, answer, path, message) => {
    const result = parseContent("mcq", mcq(options, answer));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.path === path);
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error!.message).toMatch(message);
  });
});

describe("parseContent", () => {
  it("trims every text field", () => {
    const result = parseContent("consultation", {
      turns: [
        { role: "patient", text: "  My neck hurts.\n" },
        { role: "doctor", text: "\tSince when?  " },
      ],
    });
    expect(result).toEqual({
      ok: true,
      content: { turns: [{ role: "patient", text: "My neck hurts." }, { role: "doctor", text: "Since when?" }] },
    });
  });

  it("keeps markup as text", () => {
    const result = parseContent("open_qa", { question: "<script>alert(1)</script>", answer: "<b>html</b>" });
    expect(result).toEqual({ ok: true, content: { question: "<script>alert(1)</script>", answer: "<b>html</b>" } });
  });

  it("names every missing report section", () => {
    const result = parseContent("report", { sections: { findings: "Normal alignment." } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual([
      "sections.diagnosis",
      "sections.treatment",
      "sections.riskPrognosis",
      "sections.postOpManagement",
      "sections.diagnosticBasis",
    ]);
  });

  it("refuses a value that is not an object", () => {
    expect(parseContent("open_qa", "text")).toEqual({
      ok: false,
      errors: [{ path: "", message: "expected object, got string" }],
    });
  });
});
