// One line of an import file → a validated item or every problem with it, each with the line number and the
// field path, so an admin can fix a 450k-line file from the report alone.

import { importLineSchema, LIMITS, type ImportLine } from "./schema";
import { formatPath, issuesToErrors } from "./issues";

export interface ImportLineError {
  line: number;
  /** "" for the whole line, else e.g. "draft.content.options.F" or "levels[2]". */
  path: string;
  message: string;
}

export type ParseImportLineResult = { ok: true; line: ImportLine } | { ok: false; errors: ImportLineError[] };

/** Far above any real item (six 20,000-character sections twice), low enough to refuse a runaway line quickly. */
export const MAX_LINE_CHARS = 2_000_000;

function failure(line: number, message: string, path = ""): ParseImportLineResult {
  return { ok: false, errors: [{ line, path, message }] };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** What the whole import says for fields a line leaves out. */
export interface LineDefaults {
  requiredReviews?: number;
}

/**
 * Problems no field schema sees: a NUL character (U+0000) in any key or text, which databases store and pages show
 * as nothing, and nesting deeper than any item needs. One pass over the parsed value, before validation; the
 * NUL check runs only when the line's text has the escape at all (JSON can carry a NUL no other way), and a path
 * is only built for a problem.
 */
export function rawValueProblems(value: unknown, lineNo: number, checkNul = true): ImportLineError[] {
  const errors: ImportLineError[] = [];
  const path: (string | number)[] = [];
  const add = (message: string) => errors.push({ line: lineNo, path: formatPath(path), message });
  const walk = (v: unknown, depth: number): void => {
    if (errors.length >= 20) return;
    if (typeof v === "string") {
      if (checkNul && v.includes("\u0000")) add("contains a NUL character (U+0000): remove it");
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (depth > LIMITS.depth) {
      add(`is nested too deeply: at most ${LIMITS.depth} levels of objects and arrays`);
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i], depth + 1);
        path.pop();
      }
      return;
    }
    for (const k in v) {
      if (checkNul && k.includes("\u0000")) {
        add(`a key contains a NUL character (U+0000): ${JSON.stringify(k.slice(0, 60))}`);
        continue;
      }
      path.push(k);
      walk((v as Record<string, unknown>)[k], depth + 1);
      path.pop();
    }
  };
  walk(value, 0);
  return errors;
}

/**
 * Parses one JSON Lines line. Tolerates what editors and other systems add: a byte-order mark and a trailing
 * carriage return. Blank lines are reported as errors; a reader that wants to skip them checks before calling.
 */
export function parseImportLine(text: string, lineNo: number, defaults: LineDefaults = {}): ParseImportLineResult {
  let source = text;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  if (source.endsWith("\r")) source = source.slice(0, -1);
  if (source.length > MAX_LINE_CHARS) {
    return failure(lineNo, `line is too long (${source.length} characters, at most ${MAX_LINE_CHARS})`);
  }
  if (source.trim() === "") return failure(lineNo, "empty line: each line must hold one JSON object");

  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure(lineNo, `invalid JSON: ${reason}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return failure(lineNo, `each line must be a JSON object, got ${jsonType(data)}`);
  }
  const raw = rawValueProblems(data, lineNo, source.includes("\\u0000"));
  if (raw.length > 0) return { ok: false, errors: raw };
  // The import's default applies where the line says nothing; the result carries the value used.
  if (defaults.requiredReviews !== undefined && (data as Record<string, unknown>).requiredReviews === undefined) {
    (data as Record<string, unknown>).requiredReviews = defaults.requiredReviews;
  }

  const result = importLineSchema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, line: result.data };
  return {
    ok: false,
    errors: issuesToErrors(result.error.issues).map((e) => ({ line: lineNo, path: e.path, message: e.message })),
  };
}

/** "line 12, draft.content.answer: answer "F" is not one of the options (A, B, C, D)" for logs and CLIs. */
export function formatImportLineError(error: ImportLineError): string {
  return `line ${error.line}${error.path ? `, ${error.path}` : ""}: ${error.message}`;
}
