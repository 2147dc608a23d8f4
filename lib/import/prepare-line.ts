// The CPU-heavy part of importing one line, kept free of I/O so it can run on a worker thread: parse and validate,
// serialise each version's content canonically and hash it, hash the whole line.
import { canonicalJson, sha256Hex } from "@/lib/json/canonical";
import { parseImportLine, type ImportLineError } from "@/lib/items/parse-line";
import type { ImportLine } from "@/lib/items/schema";

export interface PreparedContent {
  text: string; // canonical JSON
  hash: string;
}

export interface PreparedLine {
  lineNo: number;
  /** The validated line; its versions' content is carried by draft/revision below. */
  line: ImportLine;
  draft: PreparedContent;
  revision: PreparedContent | null;
  /** Identifies the line's content whatever its key order: equal hashes mean nothing to do on re-import. */
  sourceHash: string;
}

export type PrepareResult = { ok: true; value: PreparedLine } | { ok: false; errors: ImportLineError[] };

export function prepareContent(content: unknown): PreparedContent {
  const text = canonicalJson(content);
  return { text, hash: sha256Hex(text) };
}

export function prepareLine(text: string, lineNo: number): PrepareResult {
  const parsed = parseImportLine(text, lineNo);
  if (!parsed.ok) return parsed;
  const line = parsed.line;
  const draft = prepareContent(line.draft.content);
  const revision = line.revision ? prepareContent(line.revision.content) : null;
  const rest = { ...line, draft: { ...line.draft, content: draft.hash }, revision: line.revision ? { ...line.revision, content: revision!.hash } : null };
  const sourceHash = sha256Hex(canonicalJson(rest));
  // The content objects are not needed again (the canonical text is): dropping them halves what a worker sends back.
  const slim = { ...line, draft: { ...line.draft, content: null }, revision: line.revision ? { ...line.revision, content: null } : undefined } as unknown as ImportLine;
  return { ok: true, value: { lineNo, line: slim, draft, revision, sourceHash } };
}
