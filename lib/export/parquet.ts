// Parquet beside each JSON Lines file, for the Hugging Face viewer and `datasets` loaders, written with
// hyparquet-writer under an explicit schema per file kind: messages stay a typed list of {role, content} structs,
// boxes a list of integer lists. Rows are buffered and written a row group at a time, so a file of 450,000 rows is
// never held whole. The native record (deep history) is one JSON column beside its typed key columns.
import type { SchemaElement } from "hyparquet-writer";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { compressSync } from "snappy";
import { HashedFile } from "./hashed-file";

type Node = { name: string; element: SchemaElement[] };

const str = (name: string, optional = false): Node => ({ name, element: [{ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: optional ? "OPTIONAL" : "REQUIRED" }] });
const json = (name: string, optional = false): Node => ({ name, element: [{ name, type: "BYTE_ARRAY", converted_type: "JSON", repetition_type: optional ? "OPTIONAL" : "REQUIRED" }] });
const bool = (name: string): Node => ({ name, element: [{ name, type: "BOOLEAN", repetition_type: "REQUIRED" }] });
const int = (name: string): Node => ({ name, element: [{ name, type: "INT32", repetition_type: "REQUIRED" }] });
function struct(name: string, fields: Node[], optional = false): Node {
  return { name, element: [{ name, repetition_type: optional ? "OPTIONAL" : "REQUIRED", num_children: fields.length }, ...fields.flatMap((f) => f.element)] };
}
function list(name: string, element: Node): Node {
  const inner = element.element.map((e, i) => (i === 0 ? { ...e, name: "element" } : e));
  return { name, element: [{ name, repetition_type: "REQUIRED", converted_type: "LIST", num_children: 1 }, { name: "list", repetition_type: "REPEATED", num_children: 1 }, ...inner] };
}

const message = struct("element", [str("role"), str("content")]);
const messages = (name: string) => list(name, message);
const strings = (name: string) => list(name, str("element"));

export const PARQUET_SCHEMAS = {
  // record: the whole native record as JSON text (UTF-8), as in the JSON Lines file.
  native: [str("id"), str("split"), str("taskType"), str("language"), str("modality", true), str("subfield"), str("status"), str("finalDecision", true), strings("levels"), strings("images"), str("record")],
  sft: [messages("messages"), strings("images")],
  preference_swift: [messages("messages"), str("rejected_response"), strings("images")],
  preference_trl: [messages("prompt"), messages("chosen"), messages("rejected"), strings("images")],
  preference_llamafactory: [messages("conversations"), struct("chosen", [str("role"), str("content")]), struct("rejected", [str("role"), str("content")]), strings("images")],
  kto: [messages("messages"), bool("label"), strings("images"), str("reason", true), str("severity", true)],
  grounding: [messages("messages"), strings("images"), struct("objects", [strings("ref"), list("bbox", list("element", int("element"))), str("bbox_type")])],
  eval_mcq: [
    str("id"),
    str("format"),
    str("question"),
    struct("options", ["A", "B", "C", "D", "E"].map((k) => str(k, true))),
    str("answer"),
    strings("levels"),
    str("subfield", true),
    str("language"),
    strings("images"),
  ],
  eval_reports: [str("id"), str("question"), str("reference"), json("rubric", true), strings("levels"), str("subfield", true), str("language"), strings("images")],
} satisfies Record<string, Node[]>;
export type ParquetKind = keyof typeof PARQUET_SCHEMAS;

function schemaOf(kind: ParquetKind): SchemaElement[] {
  const nodes = PARQUET_SCHEMAS[kind];
  return [{ name: "root", num_children: nodes.length }, ...nodes.flatMap((n) => n.element)];
}

/**
 * How a record becomes a row of its kind (JSON columns are serialised; missing optional fields are null). The
 * native row's `record` column is the record's JSON, which ParquetFile.add sets to the JSON Lines line's bytes.
 */
export function parquetRow(kind: ParquetKind, record: Record<string, unknown>): Record<string, unknown> {
  if (kind === "native") {
    const r = record as { levels: { after: { level: string }[] } } & Record<string, unknown>;
    return { id: r.id, split: r.split, taskType: r.taskType, language: r.language, modality: r.modality ?? null, subfield: r.subfield, status: r.status, finalDecision: r.finalDecision ?? null, levels: r.levels.after.map((l) => l.level), images: r.images };
  }
  if (kind === "eval_reports") return { ...record, rubric: record.rubric ?? null };
  if (kind === "eval_mcq") {
    const o = record.options as Record<string, string>;
    return { ...record, options: Object.fromEntries(["A", "B", "C", "D", "E"].map((k) => [k, o[k] ?? null])) };
  }
  if (kind === "kto") return { reason: null, severity: null, ...record };
  return record;
}

// A row group is written once it holds this many rows or about this much JSON: native records are large (their
// whole history), and a row group is encoded in memory, in buffers that grow by doubling: 2 MB keeps a 450,000-item
// export under 400 MB of memory, where 8 MB took it past 500 MB, at no cost in speed.
const ROW_GROUP = 10_000;
const ROW_GROUP_BYTES = 2 << 20;
// Columns of long, mostly distinct texts: a dictionary would not pay, so none is tried.
const LONG_TEXT = new Set(["record", "messages", "rejected_response", "prompt", "chosen", "rejected", "conversations", "question", "reference"]);

const FLUSH_BYTES = 1 << 20;

/**
 * The writer's output: a buffer written to the file (hashed as it goes) once it holds a megabyte, on one descriptor
 * for the whole file, where the library's file writer opens and closes the file for every megabyte.
 */
function hashedByteWriter(file: HashedFile): ByteWriter {
  const out = new ByteWriter(2 * FLUSH_BYTES);
  const drain = () => {
    if (out.index === 0) return;
    file.write(new Uint8Array(out.buffer, 0, out.index));
    out.index = 0; // ByteWriter keeps `offset`, the position in the file, itself
  };
  const grow = out.ensure.bind(out);
  out.ensure = (size: number) => {
    if (out.index > FLUSH_BYTES) drain();
    grow(size);
  };
  out.finish = drain;
  return out;
}

/** A Parquet file written a row group at a time. */
export class ParquetFile {
  private rows: Record<string, unknown>[] = [];
  private bytes = 0;
  private readonly writer: ParquetWriter;
  private readonly output: HashedFile;
  private readonly names: string[];
  count = 0;

  constructor(
    readonly file: string,
    readonly kind: ParquetKind,
  ) {
    // Snappy, the writer's default codec, compressed by the maintained native binding: about 5× the writer's
    // pure-JS compressor, which took a quarter of a native Parquet export. Its output is copied into memory the
    // JavaScript heap accounts for (an external buffer is invisible to the collector and piles up).
    const compressors = { SNAPPY: (input: Uint8Array) => compressSync(input, { copyOutputData: true }) };
    this.output = new HashedFile(file);
    this.writer = new ParquetWriter({ writer: hashedByteWriter(this.output), schema: schemaOf(kind), createdBy: "spinemed-review export", compressors });
    this.names = PARQUET_SCHEMAS[kind].map((n) => n.name);
  }

  /** Adds a row (parquetRow of the record), with the size of its JSON and the UTF-8 bytes of that JSON (the JSON
   * Lines file's line, which is the native row's `record` column as it is). */
  add(row: Record<string, unknown>, jsonLength: number, jsonBytes: Uint8Array) {
    if (this.kind === "native") row.record = jsonBytes;
    this.rows.push(row);
    this.count++;
    this.bytes += jsonLength;
    if (this.rows.length >= ROW_GROUP || this.bytes >= ROW_GROUP_BYTES) this.flush();
  }

  private flush() {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.bytes = 0;
    void this.writer.write({
      columnData: this.names.map((name) => ({ name, data: rows.map((r) => r[name] ?? null), ...(LONG_TEXT.has(name) ? { encoding: "PLAIN" as const, statistics: false } : {}) })),
      rowGroupSize: rows.length,
    });
  }

  /** Writes the last row group and the footer; the file's sha256 and size. */
  finish(): { sha256: string; bytes: number } {
    this.flush();
    void this.writer.finish();
    return this.output.finish();
  }

  /** Closes the file unfinished (a failed export removes it). */
  abort() {
    this.output.close();
  }
}
