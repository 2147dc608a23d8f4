// Decodes DICOM text values in the character set the data set declares (SpecificCharacterSet, PS3.5 6.1), so the
// de-identification checks compare characters, not bytes: a GB18030 or ISO 2022 name in a description is found
// the same way a Latin one is. Node's TextDecoder (full ICU) provides the decoders; ISO 2022 code extension is
// handled here by splitting on escape sequences.

/** Single-byte and multi-byte terms without code extension → WHATWG encoding labels. */
const SINGLE: Record<string, string> = {
  "": "windows-1252",
  ISO_IR_6: "windows-1252",
  ISO_IR_100: "windows-1252",
  ISO_IR_101: "iso-8859-2",
  ISO_IR_109: "iso-8859-3",
  ISO_IR_110: "iso-8859-4",
  ISO_IR_144: "iso-8859-5",
  ISO_IR_127: "iso-8859-6",
  ISO_IR_126: "iso-8859-7",
  ISO_IR_138: "iso-8859-8",
  ISO_IR_148: "windows-1254",
  ISO_IR_203: "iso-8859-15",
  ISO_IR_13: "shift_jis",
  ISO_IR_166: "windows-874",
  ISO_IR_192: "utf-8",
  GB18030: "gb18030",
  GBK: "gbk",
};

/** ISO 2022 escape sequences (after ESC) → the decoder for the bytes that follow. */
const ESCAPES: Array<[string, string]> = [
  ["(B", "windows-1252"], // ISO-IR 6 (ASCII) in G0
  ["(J", "shift_jis"], // ISO-IR 14 (JIS X 0201 Romaji) in G0
  [")I", "shift_jis"], // ISO-IR 13 (JIS X 0201 Katakana) in G1
  ["$B", "iso-2022-jp"], // ISO-IR 87 (JIS X 0208) in G0
  ["$(D", "iso-2022-jp"], // ISO-IR 159 (JIS X 0212): not supported by TextDecoder; decoded as far as it goes
  ["$)C", "euc-kr"], // ISO-IR 149 (KS X 1001) in G1
  ["$)A", "gb18030"], // ISO-IR 58 (GB 2312) in G1
  ["-A", "windows-1252"], // ISO-IR 100
  ["-B", "iso-8859-2"],
  ["-C", "iso-8859-3"],
  ["-D", "iso-8859-4"],
  ["-L", "iso-8859-5"],
  ["-G", "iso-8859-6"],
  ["-F", "iso-8859-7"],
  ["-H", "iso-8859-8"],
  ["-M", "windows-1254"],
  ["-T", "windows-874"],
  ["-b", "iso-8859-15"],
];

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

function term(value: string): string {
  return value.trim().replace(/ /g, "_").toUpperCase();
}

/** The decoder label of the first (default) SpecificCharacterSet value; windows-1252 when unknown or absent. */
function defaultLabel(charsets: string[]): string {
  const first = term(charsets[0] ?? "").replace(/^ISO_2022_/, "ISO_");
  return SINGLE[first] ?? "windows-1252";
}

/** SpecificCharacterSet values as written ("ISO 2022 IR 6\ISO 2022 IR 87" → two values). */
export function parseCharsets(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw.split("\\").map((v) => v.replace(/[\0 ]+$/, "").trim());
}

/** True when the data set declares code extension (ISO 2022 escape sequences may occur in values). */
function usesCodeExtension(charsets: string[]): boolean {
  return charsets.some((c) => term(c).startsWith("ISO_2022"));
}

/** Decodes a text value. Unknown bytes become U+FFFD, never an exception. */
export function decodeText(bytes: Uint8Array, charsets: string[]): string {
  const base = defaultLabel(charsets);
  if (!usesCodeExtension(charsets) || !bytes.includes(0x1b)) return decoder(base).decode(bytes);
  let out = "";
  let label = base;
  let start = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    const chunk = bytes.subarray(start, end);
    // iso-2022-jp expects its own escape sequence in the stream; give it back the one that selected it.
    out += label === "iso-2022-jp" ? decoder(label).decode(concat(Uint8Array.of(0x1b, 0x24, 0x42), chunk)) : decoder(label).decode(chunk);
  };
  for (let i = 0; i < bytes.length; i++) {
    // Values may also return to the default set at delimiters without an escape (PS3.5 6.1.2.5.3); encoders
    // write the escape anyway in practice, and a missed return only garbles characters, it hides no bytes.
    if (bytes[i] !== 0x1b) continue;
    flush(i);
    const rest = Buffer.from(bytes.subarray(i + 1, i + 4)).toString("latin1");
    const hit = ESCAPES.find(([seq]) => rest.startsWith(seq));
    if (hit) {
      label = hit[1];
      i += hit[0].length;
    }
    start = i + 1;
  }
  flush(bytes.length);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** VRs whose values are decoded with SpecificCharacterSet (the others are ASCII by definition). */
export const CHARSET_VRS = new Set(["SH", "LO", "ST", "LT", "UT", "UC", "PN"]);
