// Word-level differences between two texts, for the review workspace's "Changes" view (draft → revision →
// reviewed …, or the current version → the reviewer's unsaved edits). Runs in the browser as well as on the
// server, so it has no imports beyond the content helpers.
//
// Texts are cut into tokens that keep every character (words, numbers, spine levels, whitespace runs, single
// punctuation marks, single CJK characters), so joining the parts of either side gives that text back exactly.
// Myers' O(ND) algorithm finds a shortest edit script over the tokens. Its cost grows with the square of the
// number of differences, so a bounded budget keeps it fast; past the budget (texts that were largely rewritten)
// it falls back to a line diff, and past that to replacing the changed middle whole.

import { contentText } from "@/lib/items/content-text";
import type { ContentByTaskType, TaskType } from "@/lib/items/content";

export type DiffOp = "equal" | "insert" | "delete";

export interface DiffPart {
  op: DiffOp;
  text: string;
}

export interface DiffOptions {
  /**
   * The largest number of token insertions plus deletions the word diff looks for before it falls back to a
   * line diff. The work (time and memory) grows with its square.
   */
  maxEdits?: number;
  /** Texts with more tokens than this (on either side) go straight to the line diff. */
  maxTokens?: number;
}

const DEFAULT_MAX_EDITS = 1_000;
const DEFAULT_MAX_TOKENS = 60_000;
const LINE_MAX_EDITS = 1_000;

// ---------------------------------------------------------------------------------------------------------------
// Tokens.

const CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
const WORD_CHAR = `(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}_])`;
const TOKEN = new RegExp(
  [
    // A spine level is one token ("L4/L5", "L4-5", "C7/T1"), so moving a claim from L4/L5 to L5/S1 reads as one
    // replaced level rather than "L4/" deleted, "L5" kept and "/S1" inserted.
    `[CTLSctls]\\d{1,2}(?:[-/_\\u2013][CTLSctls]?\\d{1,2})?(?!${WORD_CHAR})`,
    // A decimal number is one token, so 3.5 → 4.5 mm is one change.
    `\\p{N}+(?:[.,]\\p{N}+)+(?:${WORD_CHAR})*`,
    // A word, with inner apostrophes (patient's).
    `${WORD_CHAR}+(?:['\\u2019]${WORD_CHAR}+)*`,
    // Chinese and Japanese have no spaces between words: each character is a token.
    `[${CJK}]`,
    `\\s+`,
    // Anything else (punctuation, symbols, emoji) one code point at a time.
    `[\\s\\S]`,
  ].join("|"),
  "gu",
);

/** The tokens of a text; their concatenation is the text. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function splitLines(text: string): string[] {
  // Each line keeps its line break, so the lines join back to the text.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// Myers' algorithm on integer-coded tokens.

/** Edit script as runs over the two sequences; null when it needs more than maxEdits edits. */
function myers(a: Int32Array, b: Int32Array, maxEdits: number): DiffOp[] | null {
  const n = a.length;
  const m = b.length;
  // Every token of the length difference is an edit: no need to search when that alone is over budget.
  if (Math.abs(n - m) > maxEdits) return null;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // The path is walked back from the end, so v[-d..d] after each step d is kept, one after another in one
  // growing buffer (step d starts at d²): one allocation per doubling instead of one per step, which keeps the
  // garbage collector out of the timing.
  let trace = new Int32Array(1024);
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    const end = (d + 1) * (d + 1);
    if (end > trace.length) {
      const grown = new Int32Array(Math.max(end, trace.length * 2));
      grown.set(trace);
      trace = grown;
    }
    trace.set(v.subarray(offset - d, offset + d + 1), d * d);
  }
  if (found < 0) return null;

  // Walk back from (n, m): one edit per step d, preceded by its snake of equal tokens.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    // v[k] after step d − 1 is at (d − 1)² + k + (d − 1).
    const base = (d - 1) * (d - 1) + d - 1;
    const k = x - y;
    const down = k === -d || (k !== d && trace[base + k - 1] < trace[base + k + 1]);
    const prevK = down ? k + 1 : k - 1;
    const prevX = trace[base + prevK];
    const prevY = prevX - prevK;
    // The edit moves from (prevX, prevY) one step down (insert) or right (delete); equal tokens follow it.
    const startX = down ? prevX : prevX + 1;
    for (let i = x - startX; i > 0; i--) ops.push("equal");
    ops.push(down ? "insert" : "delete");
    x = prevX;
    y = prevY;
  }
  for (let i = x; i > 0; i--) ops.push("equal");
  return ops.reverse();
}

function encode(a: string[], b: string[]): [Int32Array, Int32Array] {
  const ids = new Map<string, number>();
  const code = (tokens: string[]) => {
    const out = new Int32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) {
      let id = ids.get(tokens[i]);
      if (id === undefined) {
        id = ids.size;
        ids.set(tokens[i], id);
      }
      out[i] = id;
    }
    return out;
  };
  return [code(a), code(b)];
}

/** Parts for two token lists, or null when they differ by more than maxEdits tokens. */
function diffTokenLists(a: string[], b: string[], maxEdits: number): DiffPart[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  if (start > 0) parts.push({ op: "equal", text: a.slice(0, start).join("") });
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length === 0 || midB.length === 0) {
    if (midA.length) parts.push({ op: "delete", text: midA.join("") });
    if (midB.length) parts.push({ op: "insert", text: midB.join("") });
  } else {
    const [ca, cb] = encode(midA, midB);
    const ops = myers(ca, cb, maxEdits);
    if (!ops) return null;
    let i = 0;
    let j = 0;
    for (const op of ops) {
      if (op === "equal") {
        parts.push({ op, text: midA[i++] });
        j++;
      } else if (op === "delete") parts.push({ op, text: midA[i++] });
      else parts.push({ op, text: midB[j++] });
    }
  }
  if (endA < a.length) parts.push({ op: "equal", text: a.slice(endA).join("") });
  return parts;
}

// ---------------------------------------------------------------------------------------------------------------
// Tidying.

/**
 * Merges neighbouring parts of one kind, puts each changed stretch as one deletion followed by one insertion,
 * and folds whitespace-only equal stretches that sit between two changes into them ("quick brown" → "slow red"
 * reads as one replacement, not two separated by an unchanged space).
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  // Group into alternating equal / change runs.
  type Run = { equal: string } | { del: string; ins: string };
  const runs: Run[] = [];
  for (const p of parts) {
    if (p.text === "") continue;
    const last = runs[runs.length - 1];
    if (p.op === "equal") {
      if (last && "equal" in last) last.equal += p.text;
      else runs.push({ equal: p.text });
    } else {
      let run = last && !("equal" in last) ? last : undefined;
      if (!run) {
        run = { del: "", ins: "" };
        runs.push(run);
      }
      if (p.op === "delete") run.del += p.text;
      else run.ins += p.text;
    }
  }
  // Fold blank equalities between two changes.
  const folded: Run[] = [];
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    const prev = folded[folded.length - 1];
    const next = runs[i + 1];
    if ("equal" in r && prev && !("equal" in prev) && next && !("equal" in next) && /^\s+$/.test(r.equal)) {
      prev.del += r.equal + next.del;
      prev.ins += r.equal + next.ins;
      i++;
      continue;
    }
    if (!("equal" in r) && prev && !("equal" in prev)) {
      prev.del += r.del;
      prev.ins += r.ins;
      continue;
    }
    folded.push("equal" in r ? { equal: r.equal } : { del: r.del, ins: r.ins });
  }
  const out: DiffPart[] = [];
  for (const r of folded) {
    if ("equal" in r) out.push({ op: "equal", text: r.equal });
    else {
      if (r.del) out.push({ op: "delete", text: r.del });
      if (r.ins) out.push({ op: "insert", text: r.ins });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Public API.

/** Line-level differences (each line with its line break); the coarse fallback of diffWords. */
export function diffLines(a: string, b: string): DiffPart[] {
  if (a === b) return a === "" ? [] : [{ op: "equal", text: a }];
  const parts = diffTokenLists(splitLines(a), splitLines(b), LINE_MAX_EDITS);
  if (parts) return tidy(parts);
  // Even the lines are mostly different: keep the common start and end, replace the middle.
  return tidy(replaceMiddle(a, b));
}

function replaceMiddle(a: string, b: string): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  // Do not cut a surrogate pair in two.
  if (start > 0 && isHighSurrogate(a.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(a.charCodeAt(a.length - end))) end--;
  return [
    { op: "equal", text: a.slice(0, start) },
    { op: "delete", text: a.slice(start, a.length - end) },
    { op: "insert", text: b.slice(start, b.length - end) },
    { op: "equal", text: a.slice(a.length - end) },
  ];
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Word-level differences from `a` to `b`. The equal and deleted parts join to `a`, the equal and inserted parts
 * to `b`; within a changed stretch the deletion comes before the insertion.
 */
export function diffWords(a: string, b: string, options: DiffOptions = {}): DiffPart[] {
  if (a === b) return a === "" ? [] : [{ op: "equal", text: a }];
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const ta = tokenize(a);
  const tb = tokenize(b);
  if (ta.length <= maxTokens && tb.length <= maxTokens) {
    const parts = diffTokenLists(ta, tb, options.maxEdits ?? DEFAULT_MAX_EDITS);
    if (parts) return tidy(parts);
  }
  return diffLines(a, b);
}

/** True when the parts contain an insertion or a deletion. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== "equal");
}

/** The text of one side: "a" (equal + deleted) or "b" (equal + inserted). */
export function sideText(parts: readonly DiffPart[], side: "a" | "b"): string {
  const skip: DiffOp = side === "a" ? "insert" : "delete";
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join("");
}

export interface SectionDiff {
  /** The section key of contentText ("question", "options.B", "turns[3]", "sections.findings"). */
  key: string;
  label: string;
  /** added / removed: the section exists on one side only (an option or a dialogue turn). */
  change: "equal" | "changed" | "added" | "removed";
  parts: DiffPart[];
}

/**
 * Two versions of an item's content, section by section (paired by key), in the order of `b` with sections
 * only `a` has placed where they stood in `a`.
 */
export function diffContent<T extends TaskType>(taskType: T, a: ContentByTaskType[T], b: ContentByTaskType[T], options: DiffOptions = {}): SectionDiff[] {
  const left = contentText(taskType, a);
  const right = contentText(taskType, b);
  const leftByKey = new Map(left.map((s) => [s.key, s]));
  const rightKeys = new Set(right.map((s) => s.key));
  const out: SectionDiff[] = [];
  let li = 0;
  const flushRemovedUpTo = (stop: number) => {
    for (; li < stop; li++) {
      const s = left[li];
      if (!rightKeys.has(s.key)) out.push({ key: s.key, label: s.label, change: "removed", parts: diffWords(s.text, "", options) });
    }
  };
  for (const s of right) {
    const before = leftByKey.get(s.key);
    if (!before) {
      out.push({ key: s.key, label: s.label, change: "added", parts: diffWords("", s.text, options) });
      continue;
    }
    flushRemovedUpTo(left.indexOf(before));
    li = Math.max(li, left.indexOf(before) + 1);
    const parts = diffWords(before.text, s.text, options);
    out.push({ key: s.key, label: s.label, change: hasChanges(parts) ? "changed" : "equal", parts });
  }
  flushRemovedUpTo(left.length);
  return out;
}
