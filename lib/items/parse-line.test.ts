import { describe, expect, it } from "vitest";
import { formatImportLineError, MAX_LINE_CHARS, parseImportLine } from "./parse-line";
import { example, exampleLines } from "./test-fixtures";

type Line = Record<string, any>;

function errorsOf(line: Line | string, lineNo = 7) {
  const text = typeof line === "string" ? line : JSON.stringify(line);
  const result = parseImportLine(text, lineNo);
  if (result.ok) throw new Error("expected the line to be refused");
  return result.errors;
}

function mutated(taskType: Parameters<typeof example>[0], change: (line: Line) => void): Line {
  const line = example(taskType);
  change(line);
  return line;
}

describe("parseImportLine: valid lines", () => {
  it("accepts every example line", () => {
    for (const [i, text] of exampleLines().entries()) {
      const result = parseImportLine(text, i + 1);
      expect(result.ok, JSON.stringify(!result.ok && result.errors)).toBe(true);
    }
  });

  it("tolerates a byte-order mark and a CRLF line ending", () => {
    const text = `\uFEFF${exampleLines()[0]}\r`;
    expect(parseImportLine(text, 1).ok).toBe(true);
  });

  it("normalises levels, trims text and fills defaults", () => {
    const line = example("open_qa");
    line.levels = ["l4-5", { level: "L5-S1", note: "  far lateral  " }, { level: "sacrum", castellvi: null, note: null }];
    line.draft.content.question = "  Which root?  ";
    delete line.modality;
    delete line.images;
    delete line.requiredReviews;
    delete line.provenance.caseId;
    delete line.provenance.licence;
    const result = parseImportLine(JSON.stringify(line), 1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.line.levels).toEqual([{ level: "L4/L5" }, { level: "L5/S1", note: "far lateral" }, { level: "S1" }]);
    expect(result.line.draft.content).toMatchObject({ question: "Which root?" });
    expect(result.line.modality).toBeNull();
    expect(result.line.images).toEqual([]);
    expect(result.line.requiredReviews).toBe(1);
    expect(result.line.provenance).toMatchObject({ caseId: null, licence: null });
  });

  it("normalises a Castellvi type on a transitional level", () => {
    const line = mutated("mcq", (l) => (l.levels = [{ level: "l6", castellvi: "type 2a" }, "L5-6"]));
    const result = parseImportLine(JSON.stringify(line), 1);
    expect(result.ok && result.line.levels).toEqual([{ level: "L6", castellvi: "IIa" }, { level: "L5/L6" }]);
  });

  it("accepts images by DICOM UID", () => {
    const line = mutated("mcq", (l) => (l.images = [{ seriesUid: "1.2.3", instanceUid: "1.2.3.4" }]));
    const result = parseImportLine(JSON.stringify(line), 1);
    expect(result.ok && result.line.images).toEqual([{ seriesUid: "1.2.3", instanceUid: "1.2.3.4" }]);
  });

  it("returns a line that is itself a valid input, unchanged by a second parse", () => {
    for (const text of exampleLines()) {
      const first = parseImportLine(text, 1);
      if (!first.ok) throw new Error("example refused");
      const second = parseImportLine(JSON.stringify(first.line), 1);
      expect(second.ok && second.line).toEqual(first.line);
    }
  });

  it("narrows the content type by task type", () => {
    const result = parseImportLine(exampleLines()[0], 1);
    if (!result.ok || result.line.taskType !== "mcq") throw new Error("expected the mcq example");
    expect(result.line.draft.content.options.A).toBeTypeOf("string");
  });
});

describe("parseImportLine: every bad input gets a clear message with its path", () => {
  const cases: [string, Line | string, string, RegExp][] = [
    ["invalid JSON", '{"externalId": "x",', "", /^invalid JSON: /],
    ["a JSON array", "[1, 2]", "", /must be a JSON object, got an array/],
    ["a JSON string", '"mcq"', "", /must be a JSON object, got a string/],
    ["JSON null", "null", "", /got null/],
    ["an empty line", "   ", "", /empty line/],
    ["an unknown task type", mutated("mcq", (l) => (l.taskType = "essay")), "taskType", /unknown value "essay": expected one of "mcq", "open_qa", "consultation", "report"/],
    ["a missing task type", mutated("mcq", (l) => delete l.taskType), "taskType", /required field is missing/],
    ["level L9", mutated("mcq", (l) => (l.levels = ["L4/L5", "L9"])), "levels[1]", /Unknown level "L9": L9 is not a vertebra/],
    ["level L9 in object form", mutated("mcq", (l) => (l.levels = [{ level: "L9" }])), "levels[0].level", /"L9"/],
    ["reversed level L5/L3", mutated("mcq", (l) => (l.levels = ["L5/L3"])), "levels[0]", /"L5\/L3".*reverse order/],
    ["non-adjacent level L3/L5", mutated("mcq", (l) => (l.levels = ["L3/L5"])), "levels[0]", /L3 and L5 are not adjacent/],
    ["C8", mutated("mcq", (l) => (l.levels = ["C8"])), "levels[0]", /C8 is not a vertebra/],
    ["an empty level", mutated("mcq", (l) => (l.levels = [""])), "levels[0]", /Level is empty/],
    ["a level that is a number", mutated("mcq", (l) => (l.levels = [45])), "levels[0]", /expected string or object, got number/],
    ["duplicate levels after normalisation", mutated("mcq", (l) => (l.levels = ["L4/L5", "C5/C6", "l4-5"])), "levels[2]", /duplicate level L4\/L5: same as levels\[0\]/],
    ["Castellvi on a thoracic level", mutated("mcq", (l) => (l.levels = [{ level: "T12", castellvi: "IIa" }])), "levels[0].castellvi", /not on T12/],
    ["Castellvi without a side", mutated("mcq", (l) => (l.levels = [{ level: "L6", castellvi: "III" }])), "levels[0].castellvi", /needs a side/],
    ["an answer key that is not an option letter", mutated("mcq", (l) => (l.draft.content.answer = "F")), "draft.content.answer", /"F" is not allowed: expected one of "A", "B", "C", "D", "E"/],
    ["an answer key without its option", mutated("mcq", (l) => { delete l.revision.content.options.E; l.revision.content.answer = "E"; }), "revision.content.answer", /answer "E" is not one of the options \(A, B, C, D\)/],
    ["an option F", mutated("mcq", (l) => (l.draft.content.options.F = "L1/L2")), "draft.content.options.F", /options are keyed A, B, C, D, E/],
    ["a gap in the option keys", mutated("mcq", (l) => delete l.draft.content.options.C), "draft.content.options", /run from A without gaps \(got A, B, D, E/],
    ["a single option", mutated("mcq", (l) => (l.draft.content.options = { A: "yes" })), "draft.content.options.B", /required field is missing/],
    ["an unknown MCQ format", mutated("mcq", (l) => (l.draft.content.format = "video")), "draft.content.format", /"video" is not allowed/],
    ["a revision missing a content field", mutated("mcq", (l) => delete l.revision.content.explanation), "revision.content.explanation", /required field is missing/],
    ["a revision without a generator", mutated("open_qa", (l) => delete l.revision.generator), "revision.generator", /required field is missing/],
    ["whitespace-only text", mutated("open_qa", (l) => (l.draft.content.answer = " \n\t ")), "draft.content.answer", /must not be empty/],
    ["text over the limit", mutated("open_qa", (l) => (l.draft.content.answer = "x".repeat(20_001))), "draft.content.answer", /at most 20000 characters/],
    ["an image_text MCQ without images", mutated("mcq", (l) => { l.images = []; l.modality = null; }), "images", /image_text MCQ needs at least one image/],
    ["an MR item without images", mutated("report", (l) => (l.images = [])), "images", /modality MR needs at least one image/],
    ["a hospital case with images but no caseId", mutated("mcq", (l) => (l.provenance.caseId = null)), "provenance.caseId", /caseId is required for hospital_case items with images/],
    ["an open dataset with images but no caseId", mutated("report", (l) => delete l.provenance.caseId), "provenance.caseId", /open_dataset/],
    ["an unknown source type", mutated("mcq", (l) => (l.provenance.sourceType = "blog")), "provenance.sourceType", /"blog" is not allowed/],
    ["an image path leaving the folder", mutated("mcq", (l) => (l.images = [{ path: "../secret/IM1.dcm" }])), "images[0].path", /"\.\."/],
    ["an absolute image path", mutated("mcq", (l) => (l.images = [{ path: "/etc/passwd" }])), "images[0].path", /relative/],
    ["an empty image reference", mutated("mcq", (l) => (l.images = [{}])), "images[0]", /needs either path or seriesUid \+ instanceUid/],
    ["an image with only a series UID", mutated("mcq", (l) => (l.images = [{ seriesUid: "1.2.3" }])), "images[0].instanceUid", /needs both/],
    ["an image with a bad UID", mutated("mcq", (l) => (l.images = [{ seriesUid: "1.2.x", instanceUid: "1.2" }])), "images[0].seriesUid", /DICOM UID/],
    ["the same image twice", mutated("mcq", (l) => (l.images = [{ path: "a/1.dcm" }, { path: "a/1.dcm" }])), "images[1]", /duplicate image/],
    ["a misspelt field", mutated("mcq", (l) => (l.revison = l.revision)), "revison", /unknown field "revison"/],
    ["an unknown modality", mutated("mcq", (l) => (l.modality = "PET")), "modality", /"PET" is not allowed/],
    ["an unknown language", mutated("mcq", (l) => (l.language = "fr")), "language", /"fr" is not allowed/],
    ["an unknown subfield", mutated("mcq", (l) => (l.subfield = "cardiology")), "subfield", /"cardiology" is not allowed/],
    ["requiredReviews out of range", mutated("mcq", (l) => (l.requiredReviews = 6)), "requiredReviews", /at most 5/],
    ["requiredReviews not an integer", mutated("mcq", (l) => (l.requiredReviews = 1.5)), "requiredReviews", /integer/],
    ["a bad externalId", mutated("mcq", (l) => (l.externalId = "mcq 001/a")), "externalId", /letters, digits and \. _ : -/],
    ["a bad generator date", mutated("mcq", (l) => (l.draft.generator.createdAt = "12/05/2025")), "draft.generator.createdAt", /ISO 8601/],
    ["a nested generator parameter", mutated("mcq", (l) => (l.draft.generator.params = { stop: ["\n"] })), "draft.generator.params.stop", /./],
    ["a one-turn consultation", mutated("consultation", (l) => (l.draft.content.turns = [l.draft.content.turns[0]])), "draft.content.turns", /at least 2 turns/],
    ["an unknown turn role", mutated("consultation", (l) => (l.draft.content.turns[1].role = "nurse")), "draft.content.turns[1].role", /"nurse" is not allowed/],
    ["a report missing a treatment part", mutated("report", (l) => delete l.draft.content.sections.treatment.evidenceBased), "draft.content.sections.treatment.evidenceBased", /required field is missing/],
    ["report content under an MCQ", mutated("mcq", (l) => (l.draft.content = example("report").draft.content)), "draft.content.sections", /unknown field "sections"/],
    ["a wrong type", mutated("open_qa", (l) => (l.draft.content.question = 42)), "draft.content.question", /expected string, got number/],
  ];

  it.each(cases)("%s", (_name, line, path, message) => {
    const errors = errorsOf(line);
    const match = errors.find((e) => e.path === path);
    expect(match, `no error at "${path}" in ${JSON.stringify(errors)}`).toBeDefined();
    expect(match!.message).toMatch(message);
    expect(errors.every((e) => e.line === 7)).toBe(true);
  });

  it("reports several independent problems of one line together", () => {
    const errors = errorsOf(
      mutated("mcq", (l) => {
        l.levels = ["L9"];
        l.draft.content.answer = "F";
        l.language = "fr";
      }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(["draft.content.answer", "language", "levels[0]"]);
  });

  it("refuses a runaway line before parsing it", () => {
    const errors = errorsOf(`{"x":"${"a".repeat(MAX_LINE_CHARS)}"}`);
    expect(errors[0].message).toMatch(/line is too long/);
  });

  it("formats an error for a log", () => {
    expect(formatImportLineError({ line: 3, path: "levels[0]", message: "bad" })).toBe("line 3, levels[0]: bad");
    expect(formatImportLineError({ line: 3, path: "", message: "invalid JSON: x" })).toBe("line 3: invalid JSON: x");
  });
});

describe("parseImportLine: text that would be stored as something else", () => {
  it("refuses a NUL character in any text, naming the field", () => {
    const errors = errorsOf(mutated("open_qa", (l) => (l.draft.content.answer = "before\u0000after")));
    expect(errors).toEqual([{ line: 7, path: "draft.content.answer", message: "contains a NUL character (U+0000): remove it" }]);
    const inParams = errorsOf(mutated("mcq", (l) => (l.draft.generator.params = { seed: "1\u0000" })));
    expect(inParams[0].path).toBe("draft.generator.params.seed");
    const inLevel = errorsOf(mutated("mcq", (l) => (l.levels = ["L4/L5", { level: "L5/S1", note: "\u0000" }])));
    expect(inLevel[0].path).toBe("levels[1].note");
  });

  it("refuses a NUL character in a key", () => {
    const errors = errorsOf(mutated("mcq", (l) => (l.draft.generator.params = { ["a\u0000b"]: 1 })));
    expect(errors[0]).toMatchObject({ path: "draft.generator.params", message: expect.stringContaining("key contains a NUL") });
  });

  it("limits generator parameter names, their number and the generator metadata size", () => {
    const longKey = errorsOf(mutated("mcq", (l) => (l.draft.generator.params = { ["k".repeat(200_000)]: 1 })));
    expect(longKey[0].path).toMatch(/^draft\.generator\.params/);
    expect(longKey[0].message).toMatch(/parameter name is too long: at most 100 characters/);
    const many = errorsOf(mutated("mcq", (l) => (l.draft.generator.params = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, i])))));
    expect(many[0]).toMatchObject({ path: "draft.generator.params", message: "too many parameters: at most 100" });
    const big = errorsOf(
      mutated("mcq", (l) => {
        const params = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}`, "v".repeat(1_000)]));
        l.draft.generator.params = params;
      }),
    );
    expect(big[0].path).toBe("draft.generator");
    expect(big[0].message).toMatch(/generator metadata is too large: .* at most 16,384/);
    const fine = mutated("mcq", (l) => (l.draft.generator.params = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, i]))));
    expect(parseImportLine(JSON.stringify(fine), 1).ok).toBe(true);
  });

  it("refuses nesting deeper than any item needs", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    const errors = errorsOf(mutated("mcq", (l) => (l.draft.generator.params = { x: deep })));
    expect(errors[0].message).toMatch(/nested too deeply: at most 16/);
  });

  it("applies the import's default number of required reviews only where the line gives none", () => {
    const without = mutated("open_qa", (l) => delete l.requiredReviews);
    const r = parseImportLine(JSON.stringify(without), 1, { requiredReviews: 3 });
    expect(r.ok && r.line.requiredReviews).toBe(3);
    const given = mutated("open_qa", (l) => (l.requiredReviews = 2));
    const g = parseImportLine(JSON.stringify(given), 1, { requiredReviews: 3 });
    expect(g.ok && g.line.requiredReviews).toBe(2);
  });
});
