// The files of a snapshot being written: JSON Lines files (and their Parquet twins), opened on their first record,
// so a split without records has no empty file. Writes are synchronous and buffered (1 MB): a full disk fails the
// export at the write that hit it, and the export removes its temporary folder.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ParquetFile, type ParquetKind } from "./parquet";

const FLUSH_BYTES = 1 << 20;

class JsonlFile {
  private buffer: string[] = [];
  private size = 0;
  count = 0;
  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, "");
  }
  add(record: unknown) {
    const line = JSON.stringify(record) + "\n";
    this.buffer.push(line);
    this.size += line.length;
    this.count++;
    if (this.size >= FLUSH_BYTES) this.flush();
  }
  flush() {
    if (this.buffer.length === 0) return;
    appendFileSync(this.file, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
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
    j.add(record);
    if (this.withParquet) {
      let p = this.parquet.get(rel);
      if (!p) {
        p = new ParquetFile(path.join(this.root, `${rel}.parquet`), kind);
        this.parquet.set(rel, p);
      }
      p.add(record);
    }
  }

  /** Record counts per file written (relative names without extension). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.jsonl].map(([k, f]) => [k, f.count]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  }

  has(rel: string): boolean {
    return this.jsonl.has(rel);
  }

  finish() {
    for (const j of this.jsonl.values()) j.flush();
    for (const p of this.parquet.values()) p.finish();
  }
}
