// One line of an import file → a validated item or every problem with it, each with the line number and the
// field path, so an admin can fix a 450k-line file from the report alone.

import { importLineSchema, type ImportLine } from "./schema";
import { issuesToErrors } from "./issues";

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

/**
 * Parses one JSON Lines line. Tolerates what editors and other systems add: a byte-order mark and a trailing
 * carriage return. Blank lines are reported as errors; a reader that wants to skip them checks before calling.
 */
export function parseImportLine(text: string, lineNo: number): ParseImportLineResult {
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
