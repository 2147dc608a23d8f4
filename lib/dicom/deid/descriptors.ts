// The Clean Descriptors check: is a free-text value (StudyDescription, SeriesDescription, ProtocolName,
// ImageComments, …) free of identity? It looks for the file's own identifying values — parts of every person name
// in the file, the patient's IDs, the birth date in common spellings — and for what looks like identity in any
// file: a birth-date mention or a date that is none of the file's own dates, a phone number, an e-mail address, a
// record number. Reasons name what was found, never the value.
//
// Text is compared after Unicode compatibility decomposition without accents, upper-cased ("müller" matches
// "MULLER"); CJK names match as substrings (no word breaks).

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export interface IdentityValues {
  /** Name tokens with the attribute they came from ("PatientName"). */
  nameTokens: Array<{ token: string; source: string; cjk: boolean }>;
  /** Identifiers (PatientID, AccessionNumber, …) with their attribute. */
  ids: Array<{ id: string; source: string }>;
  birthDates: Ymd[];
  /** "YYYYMMDD" of every other date the file carries (study, series, content…): kept under the full-dates option. */
  ownDates: Set<string>;
}

export function emptyIdentity(): IdentityValues {
  return { nameTokens: [], ids: [], birthDates: [], ownDates: new Set() };
}

export interface TextIssue {
  reason: string;
  /** own: one of the file's own values (known exactly, so it can be starred out); pattern: a sign of identity. */
  kind: "own" | "pattern";
  /** Span in the original text, for redaction. */
  start: number;
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// Name prefixes and suffixes, and words that are also modality or body-part abbreviations: never identifying alone.
const NAME_STOPWORDS = new Set(["DR", "MR", "MRS", "MS", "MISS", "JR", "SR", "MD", "PHD", "II", "III", "IV", "PROF", "VON", "VAN", "DE", "LA", "LE", "DA", "DI", "DU", "DEL", "DER"]);

/** Upper-cases and strips accents, keeping a map from each output index to its input index. */
function normalize(text: string): { norm: string; origin: number[] } {
  // Plain ASCII (most values): upper-casing keeps every index.
  if (/^[\x00-\x7f]*$/.test(text)) return { norm: text.toUpperCase(), origin: Array.from({ length: text.length + 1 }, (_, i) => i) };
  let norm = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize("NFKD").replace(/\p{M}/gu, "").toUpperCase();
    for (let k = 0; k < n.length; k++) origin.push(i);
    norm += n;
    i += ch.length;
  }
  origin.push(i);
  return { norm, origin };
}

function normalized(text: string): string {
  return normalize(text).norm;
}

/** Adds the tokens of a person name value (all components and groups) to the identity values. */
export function addPersonName(values: IdentityValues, pn: string, source: string): void {
  for (const group of pn.split("=")) {
    const components = group.split("^");
    const joined = normalized(components.join("")).replace(/\s+/g, "");
    if (CJK.test(joined) && [...joined].length >= 2) values.nameTokens.push({ token: joined, source, cjk: true });
    for (const raw of components.flatMap((c) => c.split(/[\s,.'’-]+/))) {
      const token = normalized(raw).trim();
      if (!token) continue;
      const cjk = CJK.test(token);
      if (cjk ? [...token].length < 2 : token.length < 2 || NAME_STOPWORDS.has(token) || !/\p{L}/u.test(token)) continue;
      if (!values.nameTokens.some((t) => t.token === token)) values.nameTokens.push({ token, source, cjk });
    }
  }
}

export function addId(values: IdentityValues, id: string, source: string): void {
  const v = normalized(id).trim();
  // Very short IDs ("1", "A7") would match anything; they are removed from their own attribute regardless.
  if (v.replace(/[^\p{L}\p{N}]/gu, "").length < 3) return;
  if (!values.ids.some((x) => x.id === v)) values.ids.push({ id: v, source });
}

export function parseDa(da: string): Ymd | null {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(da.trim());
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function key(d: Ymd): string {
  return `${d.y}`.padStart(4, "0") + `${d.m}`.padStart(2, "0") + `${d.d}`.padStart(2, "0");
}

export function addOwnDate(values: IdentityValues, da: string): void {
  const d = parseDa(da);
  if (d) values.ownDates.add(key(d));
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const MONTH_WORDS = "(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|MRZ|MAI|OKT|DEZ)[A-Z]*\\.?";
const MONTH_ALIASES: Record<string, string> = { MRZ: "MAR", MAI: "MAY", OKT: "OCT", DEZ: "DEC" };

function valid(d: Ymd): boolean {
  return d.m >= 1 && d.m <= 12 && d.d >= 1 && d.d <= 31 && d.y >= 1000;
}

/** Dates in a normalized text: each with every reading of its digits (day/month order is ambiguous). */
function findDates(norm: string): Array<{ start: number; end: number; readings: Ymd[]; twoDigitYear: boolean }> {
  const out: Array<{ start: number; end: number; readings: Ymd[]; twoDigitYear: boolean }> = [];
  const push = (m: RegExpExecArray, readings: Ymd[], twoDigitYear = false) => {
    const ok = readings.filter((r) => (twoDigitYear ? r.m >= 1 && r.m <= 12 && r.d >= 1 && r.d <= 31 : valid(r)));
    if (ok.length && !out.some((o) => o.start < m.index + m[0].length && m.index < o.end)) {
      out.push({ start: m.index, end: m.index + m[0].length, readings: ok, twoDigitYear });
    }
  };
  for (const m of norm.matchAll(/(?<!\d)(1[89]\d\d|20\d\d)([-./]?)(\d{2})\2(\d{2})(?!\d)/g)) {
    push(m as RegExpExecArray, [{ y: +m[1], m: +m[3], d: +m[4] }]);
  }
  for (const m of norm.matchAll(/(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(1[89]\d\d|20\d\d)(?!\d)/g)) {
    push(m as RegExpExecArray, [
      { y: +m[4], m: +m[3], d: +m[1] },
      { y: +m[4], m: +m[1], d: +m[3] },
    ]);
  }
  for (const m of norm.matchAll(/(?<![\d.])(\d{2})([./])(\d{2})\2(\d{2})(?![\d.])/g)) {
    push(
      m as RegExpExecArray,
      [
        { y: +m[4], m: +m[3], d: +m[1] },
        { y: +m[4], m: +m[1], d: +m[3] },
      ],
      true,
    );
  }
  const month = (w: string) => MONTHS.indexOf(MONTH_ALIASES[w] ?? w) + 1;
  for (const m of norm.matchAll(new RegExp(`(?<!\\d)(\\d{1,2})\\.?\\s*${MONTH_WORDS}\\s*(1[89]\\d\\d|20\\d\\d)(?!\\d)`, "g"))) {
    push(m as RegExpExecArray, [{ y: +m[3], m: month(m[2]), d: +m[1] }]);
  }
  for (const m of norm.matchAll(new RegExp(`\\b${MONTH_WORDS}\\s*(\\d{1,2}),?\\s*(1[89]\\d\\d|20\\d\\d)(?!\\d)`, "g"))) {
    push(m as RegExpExecArray, [{ y: +m[3], m: month(m[1]), d: +m[2] }]);
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// One set of compiled expressions per file's values (a file has hundreds of text elements to check).
const compiled = new WeakMap<IdentityValues, { key: string; patterns: Array<{ re: RegExp; reason: string }> }>();

function ownPatterns(values: IdentityValues): Array<{ re: RegExp; reason: string }> {
  const key = `${values.nameTokens.length}:${values.ids.length}`;
  const hit = compiled.get(values);
  if (hit && hit.key === key) return hit.patterns;
  const patterns = [
    ...values.nameTokens.map((t) => ({
      re: t.cjk
        ? new RegExp(escapeRegExp(t.token), "gu")
        : new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(t.token)}(?![\\p{L}\\p{N}])`, "gu"),
      reason: `contains part of a person's name from ${t.source}`,
    })),
    ...values.ids.map((x) => {
      const chars = [...x.id.replace(/[^\p{L}\p{N}]/gu, "")].map(escapeRegExp);
      return {
        re: new RegExp(`(?<![\\p{L}\\p{N}])${chars.join("[\\s._/-]?")}(?![\\p{N}])`, "gu"),
        reason: `contains the file's ${x.source}`,
      };
    }),
  ];
  compiled.set(values, { key, patterns });
  return patterns;
}

/**
 * What in `text` may identify the patient. `patterns` adds the checks that apply to descriptors only (dates, phone
 * numbers, e-mail, record numbers); the file's own values are looked for in any text.
 */
export function textIssues(text: string, values: IdentityValues, opts: { patterns: boolean }): TextIssue[] {
  const { norm, origin } = normalize(text);
  const issues: TextIssue[] = [];
  const add = (start: number, end: number, reason: string, kind: TextIssue["kind"] = "pattern") => {
    issues.push({ reason, kind, start: origin[start], end: origin[end] });
  };

  for (const { re, reason } of ownPatterns(values)) {
    for (const m of norm.matchAll(re)) add(m.index, m.index + m[0].length, reason, "own");
  }

  const dates = findDates(norm);
  const same = (a: Ymd, b: Ymd, two: boolean) => (two ? a.y === b.y % 100 : a.y === b.y) && a.m === b.m && a.d === b.d;
  const dateSpans: Array<[number, number]> = [];
  for (const d of dates) {
    dateSpans.push([d.start, d.end]);
    if (values.birthDates.some((b) => d.readings.some((r) => same(r, b, d.twoDigitYear)))) {
      add(d.start, d.end, "contains the patient's birth date");
      continue;
    }
    if (!opts.patterns) continue;
    const own = !d.twoDigitYear && d.readings.some((r) => values.ownDates.has(key(r)));
    if (!own) add(d.start, d.end, "contains a date that is none of the file's own study dates (possibly a date of birth)");
  }
  if (!opts.patterns) return issues;

  for (const m of norm.matchAll(/(?<![\p{L}])(DOB|D\.O\.B\.?|BORN|BIRTH\w*|GEB\.?|GEBOREN)(?![\p{L}])/gu)) {
    add(m.index, m.index + m[0].length, "mentions a birth date");
  }
  for (const m of norm.matchAll(/[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)+/g)) {
    add(m.index, m.index + m[0].length, "contains an e-mail address");
  }
  const phoneSpans: Array<[number, number]> = [];
  for (const m of norm.matchAll(/(?<![\d.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){2,}(?![\d.])/g)) {
    const s = m[0];
    const digits = s.replace(/\D/g, "").length;
    const marked = /[+(]/.test(s) || (s.match(/-/g) ?? []).length >= 2 || /^0\d/.test(s);
    if (digits >= 9 && digits <= 15 && marked && !dateSpans.some(([a, b]) => a < m.index + s.length && m.index < b)) {
      phoneSpans.push([m.index, m.index + s.length]);
      add(m.index, m.index + s.length, "contains something that looks like a phone number");
    }
  }
  for (const m of norm.matchAll(/(?<![\p{L}])(MRN|PID|MEDICAL\s*RECORD|RECORD\s*(?:NO|NUMBER|#)|PATIENT\s*(?:ID|NO|NUMBER)|PAT\.?\s*ID|CHART\s*(?:NO|#))(?![\p{L}])/gu)) {
    add(m.index, m.index + m[0].length, "mentions a record number");
  }
  for (const m of norm.matchAll(/\d{6,}/g)) {
    const inside = (spans: Array<[number, number]>) => spans.some(([a, b]) => a <= m.index && m.index + m[0].length <= b);
    if (inside(dateSpans) || inside(phoneSpans)) continue;
    add(m.index, m.index + m[0].length, "contains a run of 6 or more digits (a record number?)");
  }
  return issues;
}

/** The text with every issue's span replaced by asterisks of the same length (so length limits still hold). */
export function redact(text: string, issues: TextIssue[]): string {
  const chars = [...text];
  // Work on UTF-16 offsets: rebuild with replacements.
  let out = "";
  let i = 0;
  for (const ch of chars) {
    const hit = issues.some((s) => i >= s.start && i < s.end);
    out += hit ? "*" : ch;
    i += ch.length;
  }
  return out;
}

/** Unique reasons, in order. */
export function reasonsOf(issues: TextIssue[]): string[] {
  return [...new Set(issues.map((i) => i.reason))];
}
