import "server-only";
// The prepared lines of an items file, batch by batch and in file order. For a large file a worker thread reads
// and prepares (parses, validates, hashes) ahead while the main thread writes to the database; for a small file,
// or where no worker can start, the same work runs inline.
import { Worker } from "node:worker_threads";
import type { LineDefaults } from "@/lib/items/parse-line";
import { readLines } from "./lines";
import { prepareLine, type PrepareResult } from "./prepare-line";

export type BatchResult = (PrepareResult | null)[]; // null for a blank line

export interface Batch {
  results: BatchResult;
  lastLine: number;
}

const AHEAD = 3;

async function* inline(file: string, batchSize: number, defaults: LineDefaults): AsyncGenerator<Batch> {
  let lineNo = 0;
  let results: BatchResult = [];
  for await (const text of readLines(file)) {
    lineNo++;
    results.push(text.trim() === "" ? null : prepareLine(text, lineNo, defaults));
    if (results.length === batchSize) {
      yield { results, lastLine: lineNo };
      results = [];
    }
  }
  yield { results, lastLine: lineNo };
}

async function* threaded(worker: Worker): AsyncGenerator<Batch> {
  const queue: Batch[] = [];
  let done = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on("message", (m: { type: string; results?: BatchResult; lastLine?: number; message?: string }) => {
    if (m.type === "batch") queue.push({ results: m.results!, lastLine: m.lastLine! });
    else if (m.type === "end") done = true;
    else if (m.type === "error") failure = new Error(m.message);
    wake?.();
  });
  worker.on("error", (e) => {
    failure = e;
    wake?.();
  });
  worker.postMessage({ type: "credit", n: AHEAD });
  try {
    for (;;) {
      while (queue.length === 0 && !done && !failure) await new Promise<void>((r) => (wake = r));
      if (failure) throw failure;
      const next = queue.shift();
      if (next) {
        worker.postMessage({ type: "credit", n: 1 });
        yield next;
      } else if (done) return;
    }
  } finally {
    await worker.terminate();
  }
}

export async function* preparedBatches(file: string, opts: { useWorker: boolean; batchSize: number; defaults?: LineDefaults }): AsyncGenerator<Batch> {
  const defaults = opts.defaults ?? {};
  if (opts.useWorker) {
    let worker: Worker | null = null;
    try {
      // A bounded heap: the worker holds only a few batches; an unbounded heap grows lazily.
      worker = new Worker(new URL("./prepare-worker.mjs", import.meta.url), {
        workerData: { file, batchSize: opts.batchSize, defaults },
        resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 },
      });
    } catch {
      worker = null; // a runtime without worker support: correct, only slower
    }
    if (worker) {
      yield* threaded(worker);
      return;
    }
  }
  yield* inline(file, opts.batchSize, defaults);
}
