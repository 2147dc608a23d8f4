// The records of a snapshot on their way to its files. Records are serialised here, on the main thread (stored
// version text is spliced in as it is, lib/export/raw-json); the files are written by lib/export/snapshot-files,
// in a writer thread for a large snapshot (so writing, hashing and Parquet encoding use the second core while
// this thread reads the database) or inline for a small one. Both give the same bytes.
import { Worker } from "node:worker_threads";
import { parquetRow, type ParquetKind } from "./parquet";
import { stringifyRecord } from "./raw-json";
import { SnapshotFiles, type FileRecord } from "./snapshot-files";

/** Batches the writer thread may hold at once (each is one chunk of items). */
const AHEAD = 2;

type Hashes = Map<string, { sha256: string; bytes: number }>;

/** The writer thread, fed a batch at a time with flow control; its first error fails the next call. */
class WriterThread {
  private readonly worker: Worker;
  private inFlight = 0;
  private failure: Error | null = null;
  private finished: Hashes | null = null;
  private wake: (() => void) | null = null;

  constructor(root: string) {
    // A bounded heap: the thread holds a few batches and one Parquet row group per file.
    this.worker = new Worker(new URL("./output-worker.mjs", import.meta.url), { workerData: { root }, resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 } });
    this.worker.on("message", (m: { type: string; message?: string; code?: string; hashes?: [string, { sha256: string; bytes: number }][] }) => {
      if (m.type === "written") this.inFlight--;
      else if (m.type === "finished") this.finished = new Map(m.hashes);
      else if (m.type === "error") this.failure = Object.assign(new Error(m.message), m.code ? { code: m.code } : {});
      this.wake?.();
    });
    this.worker.on("error", (e) => {
      this.failure = e;
      this.wake?.();
    });
    this.worker.on("exit", (code) => {
      if (!this.finished && !this.failure) this.failure = new Error(`the export's writer thread stopped (exit code ${code})`);
      this.wake?.();
    });
  }

  private async until(done: () => boolean) {
    while (!done() && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
  }

  async send(records: FileRecord[]) {
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.worker.postMessage({ type: "records", records });
    await this.until(() => this.inFlight < AHEAD);
  }

  async finish(): Promise<Hashes> {
    this.worker.postMessage({ type: "finish" });
    await this.until(() => this.finished !== null);
    await this.worker.terminate();
    return this.finished!;
  }

  async abort() {
    await this.worker.terminate();
  }
}

export class SnapshotOutputs {
  private readonly counted = new Map<string, number>();
  private readonly thread: WriterThread | null;
  private readonly inline: SnapshotFiles | null;
  private batch: FileRecord[] = [];

  /** `threaded`: write the files in a writer thread (large snapshots); otherwise inline. */
  constructor(
    readonly root: string,
    readonly withParquet: boolean,
    threaded: boolean,
  ) {
    this.thread = threaded ? new WriterThread(root) : null;
    this.inline = threaded ? null : new SnapshotFiles(root);
  }

  /** Adds a record to <rel>.jsonl (and <rel>.parquet of the given kind). */
  add(rel: string, kind: ParquetKind, record: Record<string, unknown>) {
    const r: FileRecord = { rel, kind, json: stringifyRecord(record), row: this.withParquet ? parquetRow(kind, record) : undefined };
    this.counted.set(rel, (this.counted.get(rel) ?? 0) + 1);
    if (this.inline) this.inline.add(r);
    else this.batch.push(r);
  }

  /** Hands the records added since the last call to the writer thread (waiting while it is two batches behind). */
  async flush() {
    if (!this.thread || this.batch.length === 0) return;
    const records = this.batch;
    this.batch = [];
    await this.thread.send(records);
  }

  /** Record counts per file written (relative names without extension). */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.counted].sort((a, b) => a[0].localeCompare(b[0])));
  }

  has(rel: string): boolean {
    return this.counted.has(rel);
  }

  /** Closes every file; returns the hashes of the JSON Lines files (relative path → sha256, bytes). */
  async finish(): Promise<Hashes> {
    if (this.inline) return new Map(this.inline.finish());
    await this.flush();
    return this.thread!.finish();
  }

  /** Stops writing (after a failure), before the temporary folder is removed. */
  async abort() {
    await this.thread?.abort();
  }
}
