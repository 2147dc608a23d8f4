// Characters that change how text looks without showing themselves: bidirectional controls (a right-to-left
// override makes the rest of a paragraph read backwards on screen), zero-width and other format characters, soft
// hyphens, byte-order marks and C0/C1 control codes. LLM text is stored exactly as drafted; wherever it is shown,
// these characters are split out so the UI can draw each one as a visible, named marker instead, and a reviewer
// reads what is stored rather than what a hidden character makes it look like. Pure, so it is unit-tested.

export interface InvisibleChar {
  /** The character itself, as stored. */
  char: string;
  /** "U+202E" style code point. */
  code: string;
  /** Unicode name (short, for the marker's tooltip). */
  name: string;
  /** Bidirectional controls can reorder the text around them; the others only hide. */
  kind: "bidi" | "format" | "control";
}

export type TextPart = { type: "text"; text: string } | ({ type: "invisible" } & InvisibleChar);

const NAMES: Record<number, string> = {
  0x00ad: "SOFT HYPHEN",
  0x034f: "COMBINING GRAPHEME JOINER",
  0x061c: "ARABIC LETTER MARK",
  0x115f: "HANGUL CHOSEONG FILLER",
  0x1160: "HANGUL JUNGSEONG FILLER",
  0x180e: "MONGOLIAN VOWEL SEPARATOR",
  0x200b: "ZERO WIDTH SPACE",
  0x200c: "ZERO WIDTH NON-JOINER",
  0x200d: "ZERO WIDTH JOINER",
  0x200e: "LEFT-TO-RIGHT MARK",
  0x200f: "RIGHT-TO-LEFT MARK",
  0x202a: "LEFT-TO-RIGHT EMBEDDING",
  0x202b: "RIGHT-TO-LEFT EMBEDDING",
  0x202c: "POP DIRECTIONAL FORMATTING",
  0x202d: "LEFT-TO-RIGHT OVERRIDE",
  0x202e: "RIGHT-TO-LEFT OVERRIDE",
  0x2060: "WORD JOINER",
  0x2061: "FUNCTION APPLICATION",
  0x2062: "INVISIBLE TIMES",
  0x2063: "INVISIBLE SEPARATOR",
  0x2064: "INVISIBLE PLUS",
  0x2066: "LEFT-TO-RIGHT ISOLATE",
  0x2067: "RIGHT-TO-LEFT ISOLATE",
  0x2068: "FIRST STRONG ISOLATE",
  0x2069: "POP DIRECTIONAL ISOLATE",
  0x3164: "HANGUL FILLER",
  0xfeff: "ZERO WIDTH NO-BREAK SPACE (BOM)",
  0xffa0: "HALFWIDTH HANGUL FILLER",
  0xfff9: "INTERLINEAR ANNOTATION ANCHOR",
  0xfffa: "INTERLINEAR ANNOTATION SEPARATOR",
  0xfffb: "INTERLINEAR ANNOTATION TERMINATOR",
  0x7f: "DELETE",
};

/** Blank-looking letters that are not format characters by category but hide just as well. */
const INVISIBLE_LETTERS = new Set([0x034f, 0x115f, 0x1160, 0x3164, 0xffa0]);

const BIDI = new Set([0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]);

const FORMAT = /^\p{Cf}$/u;

/** U+XXXX (at least four hex digits). */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Whether a code point must be shown as a marker. Tab and line feed are layout the reader sees (the text is
 * shown with its line breaks); a carriage return is too when it ends a line (CRLF), so only a lone one counts.
 */
function classify(cp: number, next: number | undefined): InvisibleChar["kind"] | null {
  if (BIDI.has(cp)) return "bidi";
  if (cp === 0x09 || cp === 0x0a) return null;
  if (cp === 0x0d) return next === 0x0a ? null : "control";
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return "control";
  if (INVISIBLE_LETTERS.has(cp)) return "format";
  if (FORMAT.test(String.fromCodePoint(cp))) return "format";
  return null;
}

function describe(cp: number, kind: InvisibleChar["kind"]): InvisibleChar {
  const code = codePointLabel(cp);
  const name = NAMES[cp] ?? (kind === "control" ? (cp < 0x20 ? `CONTROL ${code} (C0)` : `CONTROL ${code} (C1)`) : cp >= 0xe0000 && cp <= 0xe007f ? "TAG CHARACTER" : "FORMAT CHARACTER");
  return { char: String.fromCodePoint(cp), code, name, kind };
}

/** Quick test, for deciding whether to show a warning at all. */
export function hasInvisible(text: string): boolean {
  return findInvisible(text).length > 0;
}

/** Every invisible character of the text, with its UTF-16 offset, in order. */
export function findInvisible(text: string): (InvisibleChar & { index: number })[] {
  const out: (InvisibleChar & { index: number })[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const kind = classify(cp, text.codePointAt(i + size));
    if (kind) out.push({ ...describe(cp, kind), index: i });
    i += size;
  }
  return out;
}

/**
 * The text cut into plain runs and invisible characters, in order. Joining the parts' characters gives the text
 * back exactly (nothing is dropped or normalised).
 */
export function splitInvisible(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let start = 0;
  for (const found of findInvisible(text)) {
    if (found.index > start) parts.push({ type: "text", text: text.slice(start, found.index) });
    parts.push({ type: "invisible", char: found.char, code: found.code, name: found.name, kind: found.kind });
    start = found.index + found.char.length;
  }
  if (start < text.length || parts.length === 0) parts.push({ type: "text", text: text.slice(start) });
  return parts;
}

/** The text with each invisible character written out as ⟨U+XXXX⟩: for places that can only show a string. */
export function revealInvisible(text: string): string {
  return splitInvisible(text)
    .map((p) => (p.type === "text" ? p.text : `⟨${p.code}⟩`))
    .join("");
}

/** One line for a warning: "2 hidden characters: ⟨U+202E⟩ RIGHT-TO-LEFT OVERRIDE, ⟨U+200B⟩ ZERO WIDTH SPACE". */
export function invisibleSummary(text: string): string | null {
  const found = findInvisible(text);
  if (found.length === 0) return null;
  const distinct = [...new Map(found.map((f) => [f.code, f])).values()];
  return `${found.length} hidden character${found.length === 1 ? "" : "s"}: ${distinct.map((f) => `⟨${f.code}⟩ ${f.name}`).join(", ")}`;
}
