import "server-only";
// Prepares batches of import lines, on a worker thread when one can be started (so parsing and hashing overlap
// with the database writes on the main thread), else inline. Results come back in submission order.
import { Worker } from "node:worker_threads";
import { prepareLine, type PrepareResult } from "./prepare-line";

export type BatchResult = (PrepareResult | null)[]; // null for a blank line

export interface Preparer {
  prepare(start: number, lines: string[]): Promise<BatchResult>;
  close(): Promise<void>;
}

const inline: Preparer = {
  async prepare(start, lines) {
    return lines.map((text, i) => (text.trim() === "" ? null : prepareLine(text, start + i)));
  },
  async close() {},
};

export async function createPreparer(useWorker: boolean): Promise<Preparer> {
  if (!useWorker) return inline;
  let worker: Worker;
  try {
    // A bounded heap: the worker only ever holds a few batches, and an unbounded heap grows lazily.
    worker = new Worker(new URL("./prepare-worker.mjs", import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 } });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("worker start timed out")), 20_000);
      worker.once("message", () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } catch {
    return inline; // e.g. a runtime without the TypeScript loader: correct, only slower
  }
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  worker.on("message", (m: { id: number; results: BatchResult }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    w?.resolve(m.results);
  });
  worker.on("error", (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  return {
    prepare(start, lines) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, start, lines });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
