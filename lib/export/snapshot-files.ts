// The files of a snapshot being written: JSON Lines files (and their Parquet twins), opened on their first record,
// so a split without records has no empty file. Writes are synchronous and buffered: a full disk fails the export
// at the write that hit it, and the export removes its temporary folder. This runs in the export's writer thread
// (lib/export/output-worker.mjs) or, for a small snapshot, inline; it receives each record already serialised.
import { createHash, type Hash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { ParquetFile, type ParquetKind } from "./parquet";

const FLUSH_BYTES = 4 << 20;

/** A JSON Lines file, hashed as it is written (the manifest need not read it again). */
class JsonlFile {
  private buffer: string[] = [];
  private size = 0;
  private readonly fd: number;
  private readonly hash: Hash = createHash("sha256");
  bytes = 0;
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "w");
  }
  add(json: string) {
    this.buffer.push(json, "\n");
    this.size += json.length + 1;
    if (this.size >= FLUSH_BYTES) this.flush();
  }
  flush() {
    if (this.buffer.length === 0) return;
    const chunk = Buffer.from(this.buffer.join(""), "utf8");
    this.buffer = [];
    this.size = 0;
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off);
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }
  close(): { sha256: string; bytes: number } {
    this.flush();
    closeSync(this.fd);
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }
}

/** One serialised record for <rel>.jsonl, with its Parquet row when the snapshot writes Parquet. */
export interface FileRecord {
  rel: string;
  kind: ParquetKind;
  json: string;
  row?: Record<string, unknown>;
}

export class SnapshotFiles {
  private readonly jsonl = new Map<string, JsonlFile>();
  private readonly parquet = new Map<string, ParquetFile>();

  constructor(readonly root: string) {}

  add({ rel, kind, json, row }: FileRecord) {
    let j = this.jsonl.get(rel);
    if (!j) {
      j = new JsonlFile(path.join(this.root, `${rel}.jsonl`));
      this.jsonl.set(rel, j);
    }
    j.add(json);
    if (row) {
      let p = this.parquet.get(rel);
      if (!p) {
        p = new ParquetFile(path.join(this.root, `${rel}.parquet`), kind);
        this.parquet.set(rel, p);
      }
      p.add(row, json);
    }
  }

  /** Closes every file; returns the hashes of the JSON Lines files (relative path → sha256, bytes). */
  finish(): [string, { sha256: string; bytes: number }][] {
    const hashes: [string, { sha256: string; bytes: number }][] = [];
    for (const [rel, j] of this.jsonl) hashes.push([`${rel}.jsonl`, j.close()]);
    for (const p of this.parquet.values()) p.finish();
    return hashes;
  }
}
