// The files of a snapshot being written: JSON Lines files (and their Parquet twins), opened on their first record,
// so a split without records has no empty file. Records are serialised with stored version text spliced in as it
// is (lib/export/raw-json), piece by piece into the write buffer. Writes are synchronous and buffered (2 MB): a
// full disk fails the export at the write that hit it, and the export removes its temporary folder.
import path from "node:path";
import { HashedFile } from "./hashed-file";
import { ParquetFile, parquetRow, type ParquetKind } from "./parquet";
import { recordPieces } from "./raw-json";

const FLUSH_BYTES = 2 << 20;

/**
 * A JSON Lines file, hashed as it is written (the manifest need not read it again). Each line is encoded straight
 * into the file's write buffer; the bytes of its JSON are handed back, so the Parquet twin stores the native record
 * without encoding its text a second time. A full buffer is written out and a new one begun (the handed-out bytes
 * keep the old one alive until their row group is written).
 */
class JsonlFile {
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  private readonly out: HashedFile;
  count = 0;
  constructor(file: string) {
    this.out = new HashedFile(file);
  }
  /** Adds a record's JSON text, given as pieces, as a line; returns the UTF-8 bytes of the JSON (without the newline). */
  add(pieces: string[], length: number): Uint8Array {
    this.count++;
    // At most 3 bytes per UTF-16 unit, and the newline.
    const most = length * 3 + 1;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    const start = this.used;
    for (const piece of pieces) this.used += this.buffer.write(piece, this.used, "utf8");
    const bytes = this.buffer.subarray(start, this.used);
    this.buffer[this.used++] = 0x0a;
    return bytes;
  }
  flush() {
    if (this.used === 0) return;
    this.out.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(FLUSH_BYTES);
    this.used = 0;
  }
  close(): { sha256: string; bytes: number } {
    this.flush();
    return this.out.finish();
  }
  /** Closes the file unfinished (a failed export removes it). */
  abort() {
    this.out.close();
  }
}

export class SnapshotOutputs {
  private readonly jsonl = new Map<string, JsonlFile>();
  private readonly parquet = new Map<string, ParquetFile>();

  constructor(
    readonly root: string,
    readonly withParquet: boolean,
  ) {}

  /** Adds a record to <rel>.jsonl (and <rel>.parquet of the given kind). */
  add(rel: string, kind: ParquetKind, record: Record<string, unknown>) {
    let j = this.jsonl.get(rel);
    if (!j) {
      j = new JsonlFile(path.join(this.root, `${rel}.jsonl`));
      this.jsonl.set(rel, j);
    }
    const pieces = recordPieces(record);
    let length = 0;
    for (const piece of pieces) length += piece.length;
    const bytes = j.add(pieces, length);
    if (this.withParquet) {
      let p = this.parquet.get(rel);
      if (!p) {
        p = new ParquetFile(path.join(this.root, `${rel}.parquet`), kind);
        this.parquet.set(rel, p);
      }
      p.add(parquetRow(kind, record), length, bytes);
    }
  }

  /** Record counts per file written (relative names without extension). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.jsonl].map(([k, f]) => [k, f.count]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  }

  has(rel: string): boolean {
    return this.jsonl.has(rel);
  }

  /** Closes every file; returns the hashes of the files written, hashed as they were written (relative path →
   * sha256, bytes). */
  finish(): Map<string, { sha256: string; bytes: number }> {
    const hashes = new Map<string, { sha256: string; bytes: number }>();
    for (const [rel, j] of this.jsonl) hashes.set(`${rel}.jsonl`, j.close());
    for (const [rel, p] of this.parquet) hashes.set(`${rel}.parquet`, p.finish());
    return hashes;
  }

  /** Closes every file unfinished, after a failure (the temporary folder is removed with them). */
  abort() {
    for (const j of this.jsonl.values()) j.abort();
    for (const p of this.parquet.values()) p.abort();
  }
}
