// The export's writer thread: it receives serialised records in batches and writes the snapshot's files (JSON
// Lines with their hashes, and Parquet, whose encoding and compression are the heaviest part of a Parquet
// snapshot) while the main thread reads the database and builds the next records. Each batch is acknowledged,
// so the main thread never runs more than a couple of batches ahead; the first error ends the thread's work.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { SnapshotFiles } = await import("./snapshot-files.ts");

const files = new SnapshotFiles(workerData.root);
let failed = false;
parentPort.on("message", (m) => {
  if (failed) return;
  try {
    if (m.type === "records") {
      for (const r of m.records) files.add(r);
      parentPort.postMessage({ type: "written" });
    } else if (m.type === "finish") {
      parentPort.postMessage({ type: "finished", hashes: files.finish() });
    }
  } catch (e) {
    failed = true;
    parentPort.postMessage({ type: "error", message: e instanceof Error ? e.message : String(e), code: e?.code });
  }
});
parentPort.postMessage({ type: "ready" });
