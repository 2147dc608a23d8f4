import { describe, expect, it } from "vitest";
import type { Mcq } from "./files";
import { NONE, scoreMcqs } from "./score";
import { scoreTable } from "./table";

const q = (id: string, answer: string, extra: Partial<Mcq> = {}): Mcq => ({
  id,
  format: "text",
  question: `question ${id}`,
  options: { A: "first", B: "second", C: "third", D: "fourth" },
  answer,
  levels: ["L4/L5"],
  subfield: "degenerative_lumbar",
  language: "en",
  images: [],
  ...extra,
});

const QUESTIONS: Mcq[] = [
  q("t1", "A"),
  q("t2", "B", { levels: ["L4/L5", "L5/S1"] }),
  q("t3", "C", { language: "zh", subfield: null, levels: [] }),
  q("i1", "D", { format: "image", images: ["images/ab.png"], levels: ["L5/S1"] }),
  q("i2", "A", { format: "image", images: ["images/cd.png"], levels: ["C5/C6"], subfield: "degenerative_cervical" }),
];

describe("scoreMcqs", () => {
  it("scores overall and per format, level, subfield and language; missing and unparsed answers count as wrong", () => {
    const s = scoreMcqs(QUESTIONS, [
      { id: "t1", answer: "(A)" }, // right
      { id: "t2", answer: "C. third" }, // wrong
      { id: "t3", answer: "答案：C" }, // right
      { id: "i1", answer: "I cannot tell from the image" }, // unparsed
      // i2 missing
      { id: "nope", answer: "A" }, // unknown id
    ]);
    expect(s.overall).toEqual({ questions: 5, correct: 2, accuracy: 0.4, answered: 4, unparsed: 1, missing: 1 });
    expect(s.byFormat).toEqual({ image: { questions: 2, correct: 0, accuracy: 0 }, text: { questions: 3, correct: 2, accuracy: 0.6667 } });
    expect(s.byLanguage).toEqual({ en: { questions: 4, correct: 1, accuracy: 0.25 }, zh: { questions: 1, correct: 1, accuracy: 1 } });
    expect(s.bySubfield).toEqual({
      degenerative_cervical: { questions: 1, correct: 0, accuracy: 0 },
      degenerative_lumbar: { questions: 3, correct: 1, accuracy: 0.3333 },
      [NONE]: { questions: 1, correct: 1, accuracy: 1 },
    });
    // A question on two levels counts in each; a question on none in "(none)".
    expect(s.byLevel["L4/L5"]).toEqual({ questions: 2, correct: 1, accuracy: 0.5 });
    expect(s.byLevel["L5/S1"]).toEqual({ questions: 2, correct: 0, accuracy: 0 });
    expect(s.byLevel[NONE]).toEqual({ questions: 1, correct: 1, accuracy: 1 });
    expect(s.unknownIds).toBe(1);
  });

  it("orders levels by the given order, (none) last", () => {
    const s = scoreMcqs(QUESTIONS, [], { levelOrder: (a, b) => ["C5/C6", "L4/L5", "L5/S1"].indexOf(a) - ["C5/C6", "L4/L5", "L5/S1"].indexOf(b) });
    expect(Object.keys(s.byLevel)).toEqual(["C5/C6", "L4/L5", "L5/S1", NONE]);
    expect(s.overall).toMatchObject({ correct: 0, accuracy: 0, missing: 5, answered: 0 });
  });

  it("gives a null accuracy for an empty set rather than dividing by zero", () => {
    expect(scoreMcqs([], [{ id: "x", answer: "A" }]).overall).toEqual({ questions: 0, correct: 0, accuracy: null, answered: 0, unparsed: 0, missing: 0 });
  });

  it("prints a table with every grouping", () => {
    const text = scoreTable(scoreMcqs(QUESTIONS, [{ id: "t1", answer: "A" }]));
    expect(text).toMatch(/^overall\s+questions\s+correct\s+accuracy\nall\s+5\s+1\s+20\.0%/);
    for (const title of ["format", "language", "subfield", "level"]) expect(text).toMatch(new RegExp(`^${title}\\s+questions`, "m"));
    expect(text).toContain("missing 4");
  });
});
