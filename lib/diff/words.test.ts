import { describe, expect, it } from "vitest";
import { example } from "@/lib/items/test-fixtures";
import { diffContent, diffLines, diffWords, hasChanges, sideText, tokenize, type DiffPart } from "./words";

const show = (parts: DiffPart[]) => parts.map((p) => (p.op === "equal" ? p.text : p.op === "insert" ? `{+${p.text}+}` : `[-${p.text}-]`)).join("");

function expectRoundTrip(a: string, b: string, parts: DiffPart[]) {
  expect(sideText(parts, "a")).toBe(a);
  expect(sideText(parts, "b")).toBe(b);
}

/** Deterministic pseudo-random words, so a failure can be reproduced. */
function words(seed: number, n: number): string[] {
  const vocab = ["disc", "L4/L5", "protrusion", "stenosis", "the", "at", "mild", "severe", "canal", "foraminal", "left", "right", "T2", "signal", "Modic", "type", "2", "3.5", "mm", "with", "and", "of"];
  let s = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    out.push(vocab[s % vocab.length]);
  }
  return out;
}

describe("tokenize", () => {
  it("keeps every character, with levels, decimals and words as single tokens", () => {
    const text = "Disc protrusion at L4-5 and L5/S1 (3.5 mm), patient's left; 椎间盘突出 T12/L1.";
    const tokens = tokenize(text);
    expect(tokens.join("")).toBe(text);
    expect(tokens).toEqual(expect.arrayContaining(["L4-5", "L5/S1", "3.5", "patient's", "T12/L1", "椎", "间"]));
    expect(tokens).toContain("(");
  });

  it("does not read a word that starts like a level as a level", () => {
    expect(tokenize("CT1x L4abc")).toEqual(["CT1x", " ", "L4abc"]);
  });
});

describe("diffWords", () => {
  it("returns nothing for two empty texts and one equal part for equal texts", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("same text", "same text")).toEqual([{ op: "equal", text: "same text" }]);
  });

  it("shows a replaced word", () => {
    const a = "Mild stenosis at L4/L5.";
    const b = "Severe stenosis at L4/L5.";
    const parts = diffWords(a, b);
    expect(show(parts)).toBe("[-Mild-]{+Severe+} stenosis at L4/L5.");
    expectRoundTrip(a, b, parts);
  });

  it("a level correction is one replaced token", () => {
    const parts = diffWords("Herniation at L4/L5 on the left.", "Herniation at L5/S1 on the left.");
    expect(show(parts)).toBe("Herniation at [-L4/L5-]{+L5/S1+} on the left.");
  });

  it("insertions and deletions at the ends and in the middle", () => {
    expect(show(diffWords("a b c", "a b c d"))).toBe("a b c{+ d+}");
    expect(show(diffWords("x a b c", "a b c"))).toBe("[-x -]a b c");
    expect(show(diffWords("one two three", "one three"))).toBe("one [-two -]three");
    expect(show(diffWords("", "new"))).toBe("{+new+}");
    expect(show(diffWords("old", ""))).toBe("[-old-]");
  });

  it("folds an unchanged space between two changes into one replacement", () => {
    expect(show(diffWords("the quick brown fox", "the slow red fox"))).toBe("the [-quick brown-]{+slow red+} fox");
  });

  it("diffs Chinese character by character", () => {
    const parts = diffWords("腰椎间盘突出", "腰椎管狭窄");
    expectRoundTrip("腰椎间盘突出", "腰椎管狭窄", parts);
    expect(parts[0]).toEqual({ op: "equal", text: "腰椎" });
  });

  it("round-trips random edits and finds a minimal script on small inputs", () => {
    for (let seed = 1; seed < 60; seed++) {
      const a = words(seed, 40);
      const b = [...a];
      // A few deletions, insertions and replacements.
      b.splice(seed % 30, 2);
      b.splice((seed * 7) % 30, 0, "inserted", "words");
      b[(seed * 3) % b.length] = "changed";
      const ta = a.join(" ");
      const tb = b.join(" ");
      const parts = diffWords(ta, tb);
      expectRoundTrip(ta, tb, parts);
      expect(hasChanges(parts)).toBe(ta !== tb);
    }
  });

  it("keeps surrogate pairs whole", () => {
    const parts = diffWords("pain 😀 level", "pain 😃 level");
    expectRoundTrip("pain 😀 level", "pain 😃 level", parts);
    for (const p of parts) expect(p.text).toBe(p.text.normalize()); // no lone surrogate
    expect(show(parts)).toBe("pain [-😀-]{+😃+} level");
  });

  // Its speed is measured by npm run bench:kernels, not here.
  it("stays exact on two 20,000-character texts, also when they are wholly different", () => {
    const base = words(7, 3500).join(" ").slice(0, 20_000);
    const edited = base.replace(/stenosis/g, "narrowing").replace(/L4\/L5/g, "L5/S1");
    const other = words(99, 3500).join(" ").slice(0, 20_000);
    for (const [a, b] of [[base, edited], [base, other], [base, base + " tail"]] as const) {
      expectRoundTrip(a, b, diffWords(a, b));
    }
  });

  it("falls back to a line diff past its budget, still exact", () => {
    const a = "line one\nline two\nline three\n";
    const b = "line one\nline 2\nline three\n";
    const parts = diffWords(a, b, { maxEdits: 0 });
    expect(show(parts)).toBe("line one\n[-line two\n-]{+line 2\n+}line three\n");
    expectRoundTrip(a, b, parts);
  });

  it("the line diff replaces the middle when the lines are all different", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join("\n");
    const parts = diffLines(a, b);
    expectRoundTrip(a, b, parts);
  });
});

describe("diffContent", () => {
  it("diffs an MCQ field by field, with an added option", () => {
    const a = example("mcq").draft.content;
    const b = JSON.parse(JSON.stringify(a));
    b.question = b.question.replace(/\?$/, " on MRI?");
    const extra = ["C", "D", "E"].find((k) => b.options[k] === undefined);
    if (extra) b.options[extra] = "A new option";
    const sections = diffContent("mcq", a, b);
    const byKey = new Map(sections.map((s) => [s.key, s]));
    expect(byKey.get("question")?.change).toBe("changed");
    expect(byKey.get("explanation")?.change).toBe("equal");
    if (extra) expect(byKey.get(`options.${extra}`)).toMatchObject({ change: "added", parts: [{ op: "insert", text: "A new option" }] });
    expect(sections.map((s) => s.key)[0]).toBe("question");
  });

  it("keeps a removed consultation turn in its place", () => {
    const a = { turns: [{ role: "patient", text: "Back pain." }, { role: "doctor", text: "Since when?" }, { role: "patient", text: "A week." }] } as const;
    const b = { turns: [{ role: "patient", text: "Back pain." }, { role: "doctor", text: "Since when?" }] } as const;
    const sections = diffContent("consultation", a as never, b as never);
    expect(sections.map((s) => [s.key, s.change])).toEqual([["turns[0]", "equal"], ["turns[1]", "equal"], ["turns[2]", "removed"]]);
  });

  it("diffs report sections", () => {
    const a = example("report").draft.content;
    const b = JSON.parse(JSON.stringify(a));
    b.sections.treatment.evidenceBased += " Consider physiotherapy.";
    const changed = diffContent("report", a, b).filter((s) => s.change !== "equal");
    expect(changed.map((s) => s.key)).toEqual(["sections.treatment.evidenceBased"]);
    expect(changed[0].parts.at(-1)).toEqual({ op: "insert", text: " Consider physiotherapy." });
  });
});
