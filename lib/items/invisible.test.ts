import { describe, expect, it } from "vitest";
import { codePointLabel, findInvisible, hasInvisible, invisibleSummary, revealInvisible, splitInvisible } from "./invisible";

const joined = (text: string) => splitInvisible(text).map((p) => (p.type === "text" ? p.text : p.char)).join("");

describe("invisible characters in item text", () => {
  it("splits a right-to-left override out of the text, named, without losing anything", () => {
    const text = "Give 10 mg \u202Eylno ecno\u202C daily.";
    const parts = splitInvisible(text);
    expect(parts).toEqual([
      { type: "text", text: "Give 10 mg " },
      { type: "invisible", char: "\u202E", code: "U+202E", name: "RIGHT-TO-LEFT OVERRIDE", kind: "bidi" },
      { type: "text", text: "ylno ecno" },
      { type: "invisible", char: "\u202C", code: "U+202C", name: "POP DIRECTIONAL FORMATTING", kind: "bidi" },
      { type: "text", text: " daily." },
    ]);
    expect(joined(text)).toBe(text);
  });

  it("finds every bidi control, zero-width and format character of the brief", () => {
    const codes = [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0x00ad, 0x2060, 0x061c];
    const text = codes.map((c) => `a${String.fromCodePoint(c)}`).join("");
    expect(findInvisible(text).map((f) => f.code)).toEqual(codes.map(codePointLabel));
    expect(findInvisible(text).map((f) => f.index)).toEqual(codes.map((_, i) => 2 * i + 1));
  });

  it("finds other format characters by category, astral ones included (tag characters)", () => {
    const text = "x\u{E0041}y\u{1D173}z";
    const found = findInvisible(text);
    expect(found.map((f) => [f.code, f.name, f.index])).toEqual([
      ["U+E0041", "TAG CHARACTER", 1],
      ["U+1D173", "FORMAT CHARACTER", 4],
    ]);
    expect(joined(text)).toBe(text);
  });

  it("shows C0 and C1 controls, but not tab, line feed or the CR of a CRLF", () => {
    expect(findInvisible("a\tb\nc\r\nd")).toEqual([]);
    expect(findInvisible("a\rb").map((f) => f.code)).toEqual(["U+000D"]);
    expect(findInvisible("a\u0000b\u001Bc\u007Fd\u0085e\u009Bf").map((f) => [f.code, f.kind])).toEqual([
      ["U+0000", "control"],
      ["U+001B", "control"],
      ["U+007F", "control"],
      ["U+0085", "control"],
      ["U+009B", "control"],
    ]);
  });

  it("leaves ordinary text alone: letters of any script, emoji, spaces, punctuation", () => {
    for (const t of ["L4/L5 disc herniation, 3 mm.", "腰椎间盘突出", "مرحبا بالعالم", "שלום", "café — naïve", "👍🏽", ""]) {
      expect(hasInvisible(t)).toBe(false);
      expect(splitInvisible(t)).toEqual([{ type: "text", text: t }]);
    }
  });

  it("writes the characters out for places that take only a string, and summarises them for warnings", () => {
    expect(revealInvisible("a\u202Eb\u200Bc")).toBe("a⟨U+202E⟩b⟨U+200B⟩c");
    expect(invisibleSummary("plain")).toBeNull();
    expect(invisibleSummary("a\u202Eb\u202Ec\u200B")).toBe("3 hidden characters: ⟨U+202E⟩ RIGHT-TO-LEFT OVERRIDE, ⟨U+200B⟩ ZERO WIDTH SPACE");
  });

  it("handles text that is only invisible characters, or starts and ends with one", () => {
    expect(splitInvisible("\uFEFF")).toEqual([{ type: "invisible", char: "\uFEFF", code: "U+FEFF", name: "ZERO WIDTH NO-BREAK SPACE (BOM)", kind: "format" }]);
    const parts = splitInvisible("\u2067x\u2069");
    expect(parts.map((p) => p.type)).toEqual(["invisible", "text", "invisible"]);
  });
});
